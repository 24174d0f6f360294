// The native backend's float64 GEMM (OpenBLAS dgemm) behind the metrics' covariances and products must
// give the Gram kernel's numbers: covariance, A·Bᵀ, A·Aᵀ (exactly symmetric) and FID on seeded features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { columnMeans, covariance, fid, matmulNT, setFloat64Gemm } from '../../src/metrics/index.js';
import { loadNativeAddon } from '../../src/node/native-addon.js';
import { gaussian } from './helpers.js';

const addon = loadNativeAddon();
const skip = 'reason' in addon ? `native backend ${addon.reason}` : false;

/** Runs f with the Gram kernel, then with dgemm installed; returns both results. */
function bothWays<T>(f: () => T): [T, T] {
  if ('reason' in addon) throw new Error('no addon');
  setFloat64Gemm(null);
  const gram = f();
  setFloat64Gemm(addon.blas.dgemm.bind(addon.blas));
  try {
    return [gram, f()];
  } finally {
    setFloat64Gemm(null);
  }
}

const maxRelDiff = (a: Float64Array, b: Float64Array) => {
  const scale = a.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-300);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0) / scale;
};

test('dgemm covariance and products match the Gram kernel; A·Aᵀ is exactly symmetric', { skip }, () => {
  const rng = new Rng(5);
  const x = gaussian(rng, 500, 37, 0.3, 1.7).data as Float64Array;
  const mu = columnMeans(x, 500, 37);
  const [c0, c1] = bothWays(() => covariance(x, 500, 37, mu));
  assert.ok(maxRelDiff(c0, c1) < 1e-12, `covariance ${maxRelDiff(c0, c1)}`);
  const y = gaussian(rng, 23, 37, 0, 1).data as Float64Array;
  const [p0, p1] = bothWays(() => matmulNT(x, 500, 37, y, 23));
  assert.ok(maxRelDiff(p0, p1) < 1e-12, `A·Bᵀ ${maxRelDiff(p0, p1)}`);
  const [, s1] = bothWays(() => matmulNT(y, 23, 37));
  for (let i = 0; i < 23; i++) for (let j = 0; j < 23; j++) assert.equal(s1[i * 23 + j], s1[j * 23 + i]);
});

test('FID with dgemm equals FID with the Gram kernel', { skip }, () => {
  const rng = new Rng(6);
  const real = gaussian(rng, 2000, 64, 0, 1);
  const generated = gaussian(rng, 2000, 64, 0.05, 1.1);
  const [a, b] = bothWays(() => fid({ real, generated }));
  assert.ok(Math.abs(a - b) < 1e-9 * Math.max(1, a), `${a} vs ${b}`);
  assert.ok(a > 0.5, `the shifted, scaled set should be far: ${a}`); // 64·(0.05² + 0.1²) ≈ 0.8
});
