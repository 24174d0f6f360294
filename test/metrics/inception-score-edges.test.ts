// Inception Score edges, found by mutation testing (npm run mutation -- src/metrics/inception-score.ts):
// a known answer with exact zeros (balanced one-hot predictions over k classes score exactly k), the
// closed ends of every validity check, and the message of each refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inceptionScore } from '../../src/metrics/inception-score.js';

const probs = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), n: rows.length, classes: rows[0]?.length ?? 0 });
const oneHot = (n: number, k: number) => probs(Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, c) => (c === i % k ? 1 : 0))));

test('balanced one-hot predictions over k classes score exactly k (0·log 0 = 0), in every split', () => {
  for (const k of [2, 5]) {
    const r = inceptionScore(oneHot(4 * k, k), { splits: 4 });
    r.scores.forEach((s) => assert.ok(Math.abs(s - k) < 1e-12, `split score ${s} vs ${k}`));
    assert.ok(Math.abs(r.mean - k) < 1e-12 && r.std < 1e-12, `${r.mean} ± ${r.std}`);
  }
  // all mass on one class: p(y|x) = p(y), KL = 0, IS = 1
  assert.equal(inceptionScore(probs([[1, 0], [1, 0], [1, 0]]), { splits: 1 }).mean, 1);
});

test('probabilities of exactly 0 and 1 are valid; anything outside [0, 1] is refused even when rows sum to 1', () => {
  assert.ok(Number.isFinite(inceptionScore(probs([[0, 1], [1, 0]]), { splits: 2 }).mean));
  for (const row of [[1.2, -0.2], [-0.1, 1.1], [-0.1, 0.6, 0.5], [1.5, 0, 0]]) {
    const other = row.map((_, c) => (c === 0 ? 1 : 0));
    assert.throws(() => inceptionScore(probs([row, other]), { splits: 1 }), /Probability \[0, \d\] is -?[\d.]+; expected values in \[0, 1\]/);
  }
});

test('n ≥ 1, integer, ≥ 2 classes and n × classes values, each checked on its own', () => {
  assert.equal(inceptionScore(probs([[0.3, 0.7]]), { splits: 1 }).mean, 1); // n = 1 is allowed
  const msg = /Inception Score needs n ≥ 1 samples and ≥ 2 classes, got n=/;
  assert.throws(() => inceptionScore({ data: new Float64Array(0), n: 0, classes: 2 }), msg);
  assert.throws(() => inceptionScore({ data: new Float64Array(3), n: 1.5, classes: 2 }), msg);
  assert.throws(() => inceptionScore({ data: Float64Array.from([1, 1]), n: 2, classes: 1 }), /got n=2, classes=1\./);
  assert.throws(() => inceptionScore({ data: new Float64Array(5), n: 2, classes: 2.5 }), msg);
  assert.throws(() => inceptionScore({ data: Float64Array.from([0.5, 0.5, 1]), n: 2, classes: 2 }), /Probabilities have 3 values but n × classes = 4\./);
});

test('splits: an integer from 1 to n inclusive', () => {
  const p = oneHot(4, 2);
  assert.equal(inceptionScore(p, { splits: 4 }).scores.length, 4);
  for (const splits of [0, 5, 2.5]) assert.throws(() => inceptionScore(p, { splits }), new RegExp(`splits must be an integer in \\[1, n=4\\], got ${splits}\\.`));
});
