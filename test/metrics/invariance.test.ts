// Invariance and behaviour tests: FID(x, x) = 0, symmetry, seeded KID, a collapsed generator's
// precision/recall, identical sets, the Gram kernel against naive dot products, and the
// eigensolver against ml-matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  densityCoverage, fid, GramWorkspace, kid, matmulNT, precisionRecall, symmetricEigen, type Features,
} from '../../src/metrics/index.js';
import { gaussian, loadFeatures } from './helpers.js';

const real = loadFeatures('real.npy');
const generated = loadFeatures('fake.npy');

test('FID(x, x) = 0 and FID is symmetric', () => {
  assert.ok(Math.abs(fid({ real, generated: real })) < 1e-6, `FID(x, x) = ${fid({ real, generated: real })}`);
  const a = fid({ real, generated });
  const b = fid({ real: generated, generated: real });
  assert.ok(Math.abs(a - b) <= 1e-10 * a, `FID not symmetric: ${a} vs ${b}`);
});

test('FID does not depend on sample order and grows with a mean shift', () => {
  const perm = new Rng(3).permutation(real.n);
  const shuffled = new Float64Array(real.data.length);
  for (let i = 0; i < real.n; i++) shuffled.set(real.data.subarray(perm[i] * real.d, (perm[i] + 1) * real.d), i * real.d);
  const x: Features = { ...real, data: shuffled };
  assert.ok(Math.abs(fid({ real, generated }) - fid({ real: x, generated })) < 1e-9);
  // Shifting every feature by c adds exactly d·c² (the covariance is unchanged).
  const shifted: Features = { ...real, data: (real.data as Float64Array).map((v) => v + 0.5) };
  assert.ok(Math.abs(fid({ real, generated: shifted }) - real.d * 0.25) < 1e-8);
});

test('KID is reproducible from its seed, near 0 for one distribution, and may be negative', () => {
  const rng = new Rng(11);
  const a = gaussian(rng, 400, 8), b = gaussian(rng, 400, 8);
  const r1 = kid({ real: a, generated: b }, { seed: 5, subsets: 20, subsetSize: 100 });
  const r2 = kid({ real: a, generated: b }, { seed: 5, subsets: 20, subsetSize: 100 });
  const r3 = kid({ real: a, generated: b }, { seed: 6, subsets: 20, subsetSize: 100 });
  assert.deepEqual(Array.from(r1.values), Array.from(r2.values));
  assert.notDeepEqual(Array.from(r1.values), Array.from(r3.values));
  assert.ok(Math.abs(r1.mean) < 0.05, `same-distribution KID ${r1.mean}`);
  assert.ok(r1.values.some((v) => v < 0), 'unbiased MMD² estimates of equal distributions go negative');
  const c = gaussian(rng, 400, 8, 1.0);
  assert.ok(kid({ real: a, generated: c }, { subsets: 20, subsetSize: 100 }).mean > 10 * Math.abs(r1.mean));
});

test('a collapsed generator gets precision ≈ 1 and recall ≈ 0', () => {
  const rng = new Rng(21);
  const r = gaussian(rng, 600, 8);
  const data = new Float64Array(200 * 8);
  for (let i = 0; i < 200; i++) for (let j = 0; j < 8; j++) data[i * 8 + j] = r.data[j] + 1e-3 * rng.normal();
  const collapsed: Features = { data, n: 200, d: 8, extractor: 'test' };
  const pr = precisionRecall({ real: r, generated: collapsed });
  assert.ok(pr.precision > 0.99, `precision ${pr.precision}`);
  assert.ok(pr.recall < 0.01, `recall ${pr.recall}`);
  const dc = densityCoverage({ real: r, generated: collapsed });
  assert.ok(dc.coverage < 0.02, `coverage ${dc.coverage}`);
});

test('identical sets give precision = recall = coverage = 1', () => {
  const pr = precisionRecall({ real, generated: real });
  assert.deepEqual([pr.precision, pr.recall], [1, 1]);
  assert.equal(densityCoverage({ real, generated: real }).coverage, 1);
});

test('real and generated are not interchangeable: swapping swaps precision and recall', () => {
  const a = precisionRecall({ real, generated });
  const b = precisionRecall({ real: generated, generated: real });
  assert.deepEqual([a.precision, a.recall], [b.recall, b.precision]);
  assert.notEqual(a.precision, a.recall);
});

test('Gram tiles and matmulNT match naive float64 dot products on both kernels', () => {
  const rng = new Rng(4);
  const n = 37, m = 29, d = 13; // odd sizes exercise the padding
  const a = Float64Array.from({ length: n * d }, () => rng.normal());
  const b = Float64Array.from({ length: m * d }, () => rng.normal());
  for (const simd of [false, true]) {
    const c = matmulNT(a, n, d, b, m, { simd });
    const ws = new GramWorkspace(d, n, m, 64 * 64, { simd });
    ws.loadA(a, n);
    ws.loadB(b, m);
    const t = ws.tile(4, 30, 2, 27);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += a[i * d + k] * b[j * d + k];
        assert.ok(Math.abs(c[i * m + j] - s) < 1e-12);
        if (i >= 4 && i < 34 && j >= 2 && j < 29) assert.equal(t[(i - 4) * GramWorkspace.stride(27) + j - 2], c[i * m + j]);
      }
    }
    const sym = matmulNT(a, n, d, undefined, n, { simd });
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.equal(sym[i * n + j], sym[j * n + i]);
  }
});

test('symmetricEigen matches ml-matrix exactly and reconstructs the matrix', () => {
  const rng = new Rng(8);
  const n = 40;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  const mine = symmetricEigen(a, n);
  const ref = new EigenvalueDecomposition(Matrix.from1DArray(n, n, a), { assumeSymmetric: true });
  assert.deepEqual(Array.from(mine.values), ref.realEigenvalues);
  assert.deepEqual(Array.from(symmetricEigen(a, n, { vectors: false }).values), ref.realEigenvalues);
  const v = mine.vectors!;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += v[i * n + k] * mine.values[k] * v[j * n + k];
      assert.ok(Math.abs(s - a[i * n + j]) < 1e-12);
      assert.equal(v[i * n + j], ref.eigenvectorMatrix.get(i, j));
    }
  }
});
