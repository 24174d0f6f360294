// Bad inputs fail early with messages that say what is wrong and what would be right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import {
  evaluateFeatures, fid, inceptionScore, kid, parseMetricList, precisionRecall, type Features,
} from '../../src/metrics/index.js';
import { gaussian } from './helpers.js';

const rng = new Rng(9);

test('FID with N ≤ d says so and suggests KID', () => {
  const a = gaussian(rng, 10, 16), b = gaussian(rng, 100, 16);
  assert.throws(() => fid({ real: b, generated: a }), /N=10 ≤ d=16.*KID/s);
  assert.throws(() => fid({ real: a, generated: b }), /real has N=10/);
});

test('mismatched feature dimensions and extractors are rejected', () => {
  const a = gaussian(rng, 50, 8), b = gaussian(rng, 50, 9);
  for (const f of [fid, precisionRecall, kid] as const) {
    assert.throws(() => f({ real: a, generated: b }), /dimensions differ: real has d=8, generated has d=9/);
  }
  const c: Features = { ...gaussian(rng, 50, 8), extractor: 'other' };
  assert.throws(() => fid({ real: a, generated: c }), /extractors differ/);
});

test('NaN or infinite features are named by row and column', () => {
  const a = gaussian(rng, 50, 4), b = gaussian(rng, 50, 4);
  b.data[4 * 7 + 2] = NaN;
  assert.throws(() => fid({ real: a, generated: b }), /generated: feature \[7, 2\] is NaN/);
  assert.throws(() => evaluateFeatures(a, b, ['precision']), /feature \[7, 2\] is NaN/);
  a.data[1] = Infinity;
  assert.throws(() => kid({ real: a, generated: b }), /real: feature \[0, 1\] is Infinity/);
  const big = gaussian(rng, 50, 4);
  big.data[0] = big.data[4] = 1e308; // finite entries whose column sum overflows
  assert.throws(() => fid({ real: big, generated: gaussian(rng, 50, 4) }), /FID of these features is about 1e615, beyond float64.s range/);
});

test('shape mismatches and tiny sets are rejected', () => {
  assert.throws(() => fid({ real: { data: new Float64Array(10), n: 3, d: 4, extractor: 'test' }, generated: gaussian(rng, 3, 4) }), /10 values but n × d/);
  const small = gaussian(rng, 3, 2);
  assert.throws(() => precisionRecall({ real: small, generated: gaussian(rng, 20, 2) }), /more than 3 samples/);
  assert.throws(() => kid({ real: gaussian(rng, 1, 2), generated: gaussian(rng, 20, 2) }), /at least 2 samples/);
});

test('unknown metric names list the valid ones', () => {
  assert.deepEqual(parseMetricList('fid, KID,fid'), ['fid', 'kid']);
  assert.throws(() => parseMetricList('fid,isc,prec'), /Unknown metrics 'isc', 'prec'; valid metrics: fid, kid, precision, recall, density, coverage/);
  assert.throws(() => parseMetricList(' , '), /No metrics given/);
});

test('Inception Score rejects logits and bad splits', () => {
  const logits = { data: Float64Array.from([2, -1, 0.5, 0.3]), n: 2, classes: 2 };
  assert.throws(() => inceptionScore(logits), /expected values in \[0, 1\].*softmax/);
  const unnormalised = { data: Float64Array.from([0.5, 0.6, 0.5, 0.5]), n: 2, classes: 2 };
  assert.throws(() => inceptionScore(unnormalised), /Row 0 .* sums to 1.1/);
  const ok = { data: Float64Array.from([0.5, 0.5, 0.9, 0.1]), n: 2, classes: 2 };
  assert.throws(() => inceptionScore(ok, { splits: 10 }), /splits must be an integer in \[1, n=2\]/);
  assert.ok(Number.isFinite(inceptionScore(ok, { splits: 1 }).mean));
});
