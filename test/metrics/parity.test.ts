// Parity with numpy/scipy references (test/fixtures/metrics/make_fixtures.py): FID, KID, IS,
// precision/recall, density/coverage within 1e-12 relative, on both the wasm and the JS kernel.
// Measured worst error 9.3e-15 (KID mean); a 1e-6·I covariance regulariser moves FID by 6.5e-7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseNpy } from '../../src/io/npy.js';
import {
  densityCoverage, evaluateFeatures, fid, inceptionScore, kid, kidSubsets, knnSquaredRadii, precisionRecall,
  wasmSimdAvailable,
} from '../../src/metrics/index.js';
import { assertRel, expected, fixturePath, loadFeatures } from './helpers.js';

const REL = 1e-12;
const real = loadFeatures('real.npy');
const generated = loadFeatures('fake.npy');
const kernels = [{ simd: false }, ...(wasmSimdAvailable() ? [{ simd: true }] : [])];

test('fixtures load with the expected shapes', () => {
  assert.deepEqual([real.n, real.d, generated.n, generated.d], [300, 16, 250, 16]);
  assert.ok(wasmSimdAvailable(), 'WebAssembly SIMD should be available in Node ≥ 20');
});

test('FID matches pytorch-fid (scipy sqrtm) both ways', () => {
  assertRel(fid({ real, generated }), expected.fid.real_fake, REL, 'FID(real, fake)');
  assertRel(fid({ real: generated, generated: real }), expected.fid.fake_real, REL, 'FID(fake, real)');
});

test('KID subsets follow the documented Rng draw (same as the Python port)', () => {
  const e = expected.kid.sub100_seed7;
  const s = kidSubsets(real.n, generated.n, { subsets: 100, subsetSize: 100, seed: 7 });
  assert.deepEqual(Array.from(s.real[0].subarray(0, 20)), e.firstReal);
  assert.deepEqual(Array.from(s.generated[0].subarray(0, 20)), e.firstFake);
});

for (const opts of kernels) {
  const label = opts.simd ? 'wasm' : 'js';
  test(`KID matches torch-fidelity on the same subsets (${label})`, () => {
    for (const [key, cfg] of [['sub100_seed7', { subsets: 100, subsetSize: 100, seed: 7 }], ['default_seed0', { seed: 0 }]] as const) {
      const e = expected.kid[key];
      for (const strategy of ['subsets', 'full-passes'] as const) {
        const r = kid({ real, generated }, { ...cfg, ...opts, strategy });
        assert.equal(r.subsetSize, e.subsetSize);
        assert.equal(r.ddof, 0);
        assertRel(r.mean, e.mean, REL, `KID mean ${key} ${strategy}`);
        assertRel(r.std, e.std, REL, `KID std ${key} ${strategy}`);
        e.values.forEach((v: number, i: number) => assertRel(r.values[i], v, REL, `KID subset ${i} ${key} ${strategy}`));
      }
    }
  });

  test(`precision/recall match Kynkäänniemi's estimator (${label})`, () => {
    for (const k of [3, 5]) {
      const e = expected.pr[`k${k}`];
      const r = precisionRecall({ real, generated }, { k, ...opts });
      assertRel(r.precision, e.precision, REL, `precision k=${k}`);
      assertRel(r.recall, e.recall, REL, `recall k=${k}`);
    }
    const [r3] = knnSquaredRadii(real.data as Float64Array, real.n, real.d, [3], opts);
    expected.radii_k3_first10.forEach((v: number, i: number) => assertRel(r3[i], v, 1e-12, `radius ${i}`));
  });

  test(`density/coverage match prdc (${label})`, () => {
    for (const k of [5, 3]) {
      const e = expected.dc[`k${k}`];
      const r = densityCoverage({ real, generated }, { k, ...opts });
      assertRel(r.density, e.density, REL, `density k=${k}`);
      assertRel(r.coverage, e.coverage, REL, `coverage k=${k}`);
    }
  });
}

test('the wasm and JS kernels give bitwise identical results', { skip: !wasmSimdAvailable() }, () => {
  const a = kid({ real, generated }, { subsets: 10, subsetSize: 50, simd: true, strategy: 'subsets' });
  const b = kid({ real, generated }, { subsets: 10, subsetSize: 50, simd: false, strategy: 'subsets' });
  assert.deepEqual(Array.from(a.values), Array.from(b.values));
  const [ra] = knnSquaredRadii(real.data as Float64Array, real.n, real.d, [4], { simd: true });
  const [rb] = knnSquaredRadii(real.data as Float64Array, real.n, real.d, [4], { simd: false });
  assert.deepEqual(Array.from(ra), Array.from(rb));
});

test('Inception Score matches improved-gan (10 and 3 splits)', () => {
  const arr = parseNpy(readFileSync(fixturePath('probs.npy')), { rank: 2 });
  const probs = { data: arr.data as Float64Array, n: arr.shape[0], classes: arr.shape[1] };
  for (const splits of [10, 3]) {
    const e = expected.is[`splits${splits}`];
    const r = inceptionScore(probs, { splits });
    assertRel(r.mean, e.mean, REL, `IS mean splits=${splits}`);
    assertRel(r.std, e.std, REL, `IS std splits=${splits}`);
  }
});

test('evaluateFeatures agrees with the standalone metrics and the references', () => {
  const r = evaluateFeatures(real, generated, ['fid', 'kid', 'precision', 'recall', 'density', 'coverage'], {
    seed: 7,
    kid: { subsets: 100, subsetSize: 100 },
  });
  assert.deepEqual([r.nReal, r.nGenerated, r.featureDim, r.extractor], [300, 250, 16, 'fixture']);
  assertRel(r.metrics.fid!.value, expected.fid.real_fake, REL, 'fid');
  assertRel(r.metrics.kid!.mean, expected.kid.sub100_seed7.mean, REL, 'kid');
  assertRel(r.metrics.precision!.value, expected.pr.k3.precision, REL, 'precision');
  assertRel(r.metrics.recall!.value, expected.pr.k3.recall, REL, 'recall');
  assertRel(r.metrics.density!.value, expected.dc.k5.density, REL, 'density');
  assertRel(r.metrics.coverage!.value, expected.dc.k5.coverage, REL, 'coverage');
});

test('evaluateFeatures gives the same numbers for any subset of metrics', () => {
  const all = evaluateFeatures(real, generated, ['precision', 'recall', 'density', 'coverage']).metrics;
  for (const m of ['precision', 'recall', 'density', 'coverage'] as const) {
    assert.deepEqual(evaluateFeatures(real, generated, [m]).metrics, { [m]: all[m] });
  }
  assert.deepEqual(Object.keys(evaluateFeatures(real, generated, ['fid']).metrics), ['fid']);
});

test('KID computed alongside the k-NN metrics matches standalone KID and the reference', () => {
  const kidOpts = { subsets: 100, subsetSize: 100 };
  const alone = kid({ real, generated }, { ...kidOpts, seed: 7 });
  for (const others of [['precision'], ['recall'], ['coverage'], ['precision', 'recall', 'density']] as const) {
    const r = evaluateFeatures(real, generated, ['kid', ...others], { seed: 7, kid: kidOpts }).metrics.kid!;
    assertRel(r.mean, expected.kid.sub100_seed7.mean, REL, `fused KID with ${others}`);
    assertRel(r.std, expected.kid.sub100_seed7.std, REL, `fused KID std with ${others}`);
    assert.ok(Math.abs(r.mean - alone.mean) <= 1e-12 * Math.abs(alone.mean), `fused ${r.mean} vs standalone ${alone.mean}`);
    assert.equal(r.subsetSize, 100);
  }
});
