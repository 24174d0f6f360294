// The native backend's float64 kernels behind the metrics (OpenBLAS dgemm / dsyrk, LAPACK dsyevd) must give the
// JS/wasm numbers: column means, covariance, A·Bᵀ, A·Aᵀ (exactly symmetric), eigenpairs, PSD square roots and FID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { columnMeans, covariance, fid, matmulNT, setFloat64Kernels, sqrtPsd, symmetricEigen } from '../../src/metrics/index.js';
import { loadNativeAddon } from '../../src/node/native-addon.js';
import { gaussian } from './helpers.js';

const addon = loadNativeAddon();
const skip = 'reason' in addon ? `native backend ${addon.reason}` : false;

/** Runs f on the JS/wasm kernels, then with the addon's dgemm / dsyrk / dsyevd installed; returns both results. */
function bothWays<T>(f: () => T): [T, T] {
  if ('reason' in addon) throw new Error('no addon');
  setFloat64Kernels(null);
  const js = f();
  setFloat64Kernels(addon.blas);
  try {
    return [js, f()];
  } finally {
    setFloat64Kernels(null);
  }
}

const maxRelDiff = (a: Float64Array, b: Float64Array) => {
  const scale = a.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-300);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0) / scale;
};

test('dsyrk covariance and dgemm products match the Gram kernel; A·Aᵀ is exactly symmetric', { skip }, () => {
  const rng = new Rng(5);
  const x = gaussian(rng, 500, 37, 0.3, 1.7).data as Float64Array;
  const [m0, mu] = bothWays(() => columnMeans(x, 500, 37)); // dgemm of (1/n)·1ᵀ with X
  assert.ok(maxRelDiff(m0, mu) < 1e-13, `means ${maxRelDiff(m0, mu)}`);
  const [c0, c1] = bothWays(() => covariance(x, 500, 37, mu));
  assert.ok(maxRelDiff(c0, c1) < 1e-12, `covariance ${maxRelDiff(c0, c1)}`);
  const y = gaussian(rng, 23, 37, 0, 1).data as Float64Array;
  const [p0, p1] = bothWays(() => matmulNT(x, 500, 37, y, 23));
  assert.ok(maxRelDiff(p0, p1) < 1e-12, `A·Bᵀ ${maxRelDiff(p0, p1)}`);
  const [, s1] = bothWays(() => matmulNT(y, 23, 37));
  for (let i = 0; i < 23; i++) for (let j = 0; j < 23; j++) assert.equal(s1[i * 23 + j], s1[j * 23 + i]);
});

test('dsyevd eigenpairs and PSD square roots match the JAMA port', { skip }, () => {
  const rng = new Rng(7);
  const x = gaussian(rng, 300, 20, 0, 1).data as Float64Array;
  const c = covariance(x, 300, 20, columnMeans(x, 300, 20));
  const [e0, e1] = bothWays(() => symmetricEigen(c, 20));
  assert.ok(maxRelDiff(e0.values, e1.values) < 1e-12, `values ${maxRelDiff(e0.values, e1.values)}`);
  // eigenvectors agree up to sign: compare |v0ᵀ·v1| = 1 column by column
  for (let j = 0; j < 20; j++) {
    let dot = 0;
    for (let i = 0; i < 20; i++) dot += e0.vectors![i * 20 + j] * e1.vectors![i * 20 + j];
    assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `vector ${j}: ${dot}`);
  }
  const [r0, r1] = bothWays(() => sqrtPsd(c, 20));
  assert.ok(maxRelDiff(r0, r1) < 1e-10, `sqrt ${maxRelDiff(r0, r1)}`);
  const [v0, v1] = bothWays(() => symmetricEigen(c, 20, { vectors: false }).values);
  assert.ok(maxRelDiff(v0, v1) < 1e-12);
});

test('FID with the native float64 kernels equals FID on the JS/wasm kernels', { skip }, () => {
  const rng = new Rng(6);
  const real = gaussian(rng, 2000, 64, 0, 1);
  const generated = gaussian(rng, 2000, 64, 0.05, 1.1);
  const [a, b] = bothWays(() => fid({ real, generated }));
  assert.ok(Math.abs(a - b) < 1e-9 * Math.max(1, a), `${a} vs ${b}`);
  assert.ok(a > 0.5, `the shifted, scaled set should be far: ${a}`); // 64·(0.05² + 0.1²) ≈ 0.8
});
