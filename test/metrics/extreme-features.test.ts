// Features of extreme but finite magnitude (issue 19 item 10): KID and FID give the float64 reference value
// (before: ±Infinity, `null` in JSON, from 1e30 for KID's std and 1e60 for both) or an error that says why,
// and the k-NN metrics do not change under a power-of-two rescaling that used to underflow their distances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { densityCoverage, evaluateFeatures, fid, kid, precisionRecall, type Features } from '../../src/metrics/index.js';
import { writeNpy } from '../../src/io/npy.js';
import { ldexp, rescaled, rescaleExponent } from '../../src/metrics/scale.js';
import { Rng } from '../../src/random/rng.js';
import { tempDir } from '../helpers/tmp.js';
import { assertRel, fixturePath, gaussian } from './helpers.js';

const ref = JSON.parse(readFileSync(fixturePath('extreme/extreme.json'), 'utf8'));
const feats = (c: { n: number; d: number }, data: number[]): Features => ({ data: Float64Array.from(data), n: c.n, d: c.d, extractor: 'test' });
const times = (f: Features, e: number): Features => ({ ...f, data: f.data.map((v) => ldexp(v, e)) });

test('KID and FID of 1e30-sized features match the float64 (exact rational for KID) reference', () => {
  const c = ref.e30;
  const real = feats(c, c.real), generated = feats(c, c.generated);
  const k = kid({ real, generated }, { subsets: 3, subsetSize: c.n });
  assertRel(k.mean, c.kid, 1e-12, 'KID mean');
  // every subset holds all samples, so the std is summation-order rounding only (before: Infinity − Infinity = NaN)
  assert.ok(Number.isFinite(k.std) && k.std <= 1e-14 * k.mean, `std ${k.std}`);
  assertRel(fid({ real, generated }), c.fid, 1e-9, 'FID');
  const r = evaluateFeatures(real, generated, ['fid', 'kid', 'precision'], { kid: { subsets: 3, subsetSize: c.n } });
  assertRel(r.metrics.kid!.mean, c.kid, 1e-12, 'KID mean (shared passes)');
  assertRel(r.metrics.fid!.value, c.fid, 1e-9, 'FID (evaluateFeatures)');
  assert.ok(!JSON.stringify(r).includes('null'));
});

test('FID of 1e60-sized features is finite and right; their KID (~1e360) is an error that says why', () => {
  const c = ref.e60;
  const real = feats(c, c.real), generated = feats(c, c.generated);
  assertRel(fid({ real, generated }), c.fid, 1e-9, 'FID'); // before: null
  assert.throws(() => kid({ real, generated }), /^Error: KID of these features is about 1e3\d\d, beyond float64's range \(±1\.8e308\): the features reach about 2\^\d+ ≈ 1e6\d\. Divide both feature sets by one common factor s \(KID then scales by s\^6\)\.$/);
  assert.throws(() => evaluateFeatures(real, generated, ['kid', 'recall']), /KID of these features is about 1e3\d\d, beyond float64's range/);
});

test('features × 2^k give FID × 2^2k (or an error past float64) and KID (coef0 c) = 2^6k × KID (coef0 c·2^−2k) bit for bit; k-NN metrics are unchanged', () => {
  const rng = new Rng(19);
  const real = gaussian(rng, 60, 5), generated = gaussian(rng, 50, 5, 0.4, 1.3);
  const opts = { subsets: 7, subsetSize: 30, seed: 3 };
  // (γ·2^2k·x·y + c)³ = 2^6k (γ·x·y + c·2^−2k)³: the reference runs on the ordinary features in float64
  const base = kid({ real, generated }, { ...opts, coef0: 2 ** -300 });
  const up = kid({ real: times(real, 150), generated: times(generated, 150) }, opts);
  assert.ok(Number.isFinite(up.mean) && up.mean > 0, `${up.mean}`); // before: Infinity (the cubes overflow)
  assert.equal(up.mean, ldexp(base.mean, 900));
  assert.equal(up.std, ldexp(base.std, 900));
  assert.deepEqual(up.values, base.values.map((v) => ldexp(v, 900)));
  for (const strategy of ['subsets', 'full-passes'] as const) {
    const want = ldexp(kid({ real, generated }, { ...opts, strategy, coef0: 2 ** -200 }).mean, 600);
    assert.equal(kid({ real: times(real, 100), generated: times(generated, 100) }, { ...opts, strategy }).mean, want, strategy);
  }
  const f = fid({ real, generated });
  assert.equal(fid({ real: times(real, 300), generated: times(generated, 300) }), ldexp(f, 600)); // before: null
  assert.equal(fid({ real: times(real, -300), generated: times(generated, -300) }), ldexp(f, -600)); // before: 0 (covariances ~1e-360)
  assert.throws(() => fid({ real: times(real, 600), generated: times(generated, 600) }), /FID of these features is about 1e36\d, beyond float64's range/);
  const all = ['fid', 'kid', 'precision', 'recall', 'density', 'coverage'] as const;
  const r0 = evaluateFeatures(real, generated, [...all], { kid: opts });
  const rUp = evaluateFeatures(times(real, 150), times(generated, 150), [...all], { kid: opts });
  assert.equal(rUp.metrics.kid!.mean, ldexp(evaluateFeatures(real, generated, [...all], { kid: { ...opts, coef0: 2 ** -300 } }).metrics.kid!.mean, 900));
  assert.equal(rUp.metrics.fid!.value, ldexp(r0.metrics.fid!.value, 300));
  // tiny features: squared distances of ~1e-360 used to underflow to 0 (every sample inside every ball)
  const rDown = evaluateFeatures(times(real, -600), times(generated, -600), [...all], { kid: opts });
  for (const m of ['precision', 'recall', 'density', 'coverage'] as const) {
    assert.equal(rUp.metrics[m]!.value, r0.metrics[m]!.value, `${m} at 2^150`);
    assert.equal(rDown.metrics[m]!.value, r0.metrics[m]!.value, `${m} at 2^-600`);
  }
  const pr = precisionRecall({ real: times(real, -600), generated: times(generated, -600) });
  assert.deepEqual([pr.precision, pr.recall], [r0.metrics.precision!.value, r0.metrics.recall!.value]);
  const dc = densityCoverage({ real: times(real, 600), generated: times(generated, 600) });
  assert.deepEqual([dc.density, dc.coverage], [r0.metrics.density!.value, r0.metrics.coverage!.value]);
  // KID of tiny features is what float64 holds: x·y next to coef0 = 1 rounds away, so 0
  assert.equal(rDown.metrics.kid!.mean, 0);
  assert.equal(rDown.metrics.fid!.value, 0); // ~1e-361, below float64's smallest subnormal
});

test('ordinary features are left as they are (no copy, no change), extreme ones get one power of two', () => {
  const x = Float64Array.of(3, -2e12, 0.5);
  assert.equal(rescaleExponent(x), 0);
  assert.equal(rescaled(x, 0), x);
  assert.equal(rescaleExponent(Float64Array.of(1e30, -3)), 99);
  assert.equal(rescaleExponent(Float64Array.of(1e-200)), -665);
  assert.equal(rescaleExponent(Float64Array.of(0, 0)), 0);
  assert.deepEqual(rescaled(Float64Array.of(2 ** 1000, -(2 ** 1023)), 1023), Float64Array.of(2 ** -23, -1));
  assert.equal(ldexp(1, 2000), Infinity);
  assert.equal(ldexp(1, -1074 - 2), 0);
  assert.equal(ldexp(3, -1074 - 2), 2 ** -1074); // 0.75 of the smallest subnormal rounds up to it
  assert.equal(ldexp(2 ** 1000, -2000), 2 ** -1000);
});

test('eval features --json on 1e30 features prints no null', () => {
  const c = ref.e30;
  const dir = tempDir();
  const write = (name: string, data: number[]) => writeFileSync(path.join(dir, name), writeNpy(Float64Array.from(data), [c.n, c.d]));
  write('real.npy', c.real);
  write('fake.npy', c.generated);
  const cli = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'eval', 'features', '--real', path.join(dir, 'real.npy'), '--fake', path.join(dir, 'fake.npy'), '--json', '--kid-subsets', '4', '--kid-subset-size', '10'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('null'), r.stdout);
  const kidOut = JSON.parse(r.stdout).metrics.kid;
  assert.ok(kidOut.std > 0 && Number.isFinite(kidOut.std) && Number.isFinite(kidOut.mean), r.stdout);
});
