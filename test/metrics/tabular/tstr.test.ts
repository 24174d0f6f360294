// Train-on-synthetic/test-on-real: the feature encoding by hand, classifier scores by hand, a separable
// toy table (real-trained F1 > 0.95) against the same rows with shuffled labels (chance), no leaked tensors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../../src/engine/tf.js';
import { Rng } from '../../../src/random/rng.js';
import { binaryLabels, binaryScores, fitFeatureEncoder, tstr } from '../../../src/metrics/tabular/index.js';
import type { ColumnSchema, TypedTable } from '../../../src/data/tabular/types.js';
import { table } from './fixture.js';

const schema: ColumnSchema[] = [
  { name: 'a', kind: 'continuous', missing: 'indicator' },
  { name: 'b', kind: 'integer', missing: 'none' },
  { name: 'color', kind: 'categorical', categories: ['red', 'green', 'blue'], missing: 'none' },
  { name: 'label', kind: 'boolean', categories: ['no', 'yes'], missing: 'none' },
];

test('features: numerics standardised with the training table (missing → mean + indicator), one-hot categories', () => {
  const train = table(schema, [[1, 3, null, 5], [0, 2, 2, 4], [0, 2, 1, 2], [0, 1, 1, 0]]);
  const enc = fitFeatureEncoder(train, ['label']);
  assert.equal(enc.dim, 2 + 1 + 3);
  // a: mean 3, population std √(8/3); b: mean 2, std √2
  const sa = Math.sqrt(8 / 3), sb = Math.sqrt(2);
  const f = enc.encode(table(schema, [[3 + sa, null], [2 - sb, 2], [2, 0], [0, 0]]));
  const want = [1, 0, -1, 0, 0, 1, /* row 2 */ 0, 1, 0, 1, 0, 0];
  want.forEach((w, i) => assert.ok(Math.abs(f[i] - w) < 1e-6, `feature ${i}: ${f[i]} vs ${w}`));
  assert.deepEqual([...binaryLabels(train, 'label', 'yes')], [0, 1, 1, 0]);
  assert.throws(() => binaryLabels(train, 'label', 'maybe'), /"maybe" is not a category of "label" \(categories: no, yes\)/);
  assert.throws(() => binaryLabels(train, 'a', 'x'), /continuous; a classifier target must be/);
});

test('binary scores by hand: F1, accuracy, AUROC', () => {
  // predictions ≥ 0.5: [1, 1, 0, 0, 1]; labels [1, 0, 1, 0, 1] → TP 2, FP 1, FN 1
  const s = binaryScores([0.9, 0.6, 0.4, 0.1, 0.7], [1, 0, 1, 0, 1]);
  assert.equal(s.f1, 4 / 6);
  assert.equal(s.accuracy, 3 / 5);
  assert.equal(s.auroc, 5 / 6); // positive scores 0.9, 0.4, 0.7 vs negatives 0.6, 0.1: 5 of 6 pairs ordered
  assert.ok(Number.isNaN(binaryScores([0.2, 0.8], [1, 1]).auroc));
});

/** label = [a + b/6 + (color = blue) > 1.2] (≈ 25 % positive), a ~ N(0, 1), b ≈ N(0, 9), with a margin so it is separable. */
function toy(rows: number, rng: Rng): TypedTable {
  const cols: number[][] = [[], [], [], []];
  while (cols[0].length < rows) {
    const a = rng.normal(), b = Math.round(rng.normal() * 3), c = rng.int(3);
    const z = a + b / 6 + (c === 2 ? 1 : 0) - 1.2;
    if (Math.abs(z) < 0.15) continue;
    cols[0].push(a); cols[1].push(b); cols[2].push(c); cols[3].push(z > 0 ? 1 : 0);
  }
  return table(schema, cols);
}

test('TSTR: real-trained classifiers separate the toy table (F1 > 0.95); shuffled-label training is at chance', () => {
  const rng = new Rng(4);
  const train = toy(1500, rng), holdout = toy(600, rng);
  const p = rng.permutation(train.rows);
  const shuffled: TypedTable = { ...train, columns: train.columns.map((c, i) => (i === 3 ? Float64Array.from(p, (j) => c[j]) : c)) };
  const before = tf.memory().numTensors;
  // a small MLP keeps this test quick on the plain cpu backend
  const classifier = { steps: 600, hidden: [16] };
  const r = tstr(train, shuffled, holdout, 'label', 'yes', { seed: 1, classifier });
  assert.equal(tf.memory().numTensors, before, 'no leaked tensors');
  for (const kind of ['logistic', 'mlp'] as const) {
    const real = r.real[kind]!, syn = r.synthetic[kind]!;
    assert.ok(real.f1 > 0.95 && real.accuracy > 0.95 && real.auroc > 0.99, `${kind} real-trained ${JSON.stringify(real)}`);
    // labels independent of the features: the classifier learns the base rate, so it answers "no"
    // (accuracy = the majority rate, F1 ≈ 0); its AUROC is that of a random direction, not checked
    if (process.env.TABMETRICS_VERBOSE) process.stderr.write(`${kind}: real ${JSON.stringify(real)} shuffled ${JSON.stringify(syn)} positive rate ${r.holdoutPositiveRate}\n`);
    assert.ok(Math.abs(syn.accuracy - (1 - r.holdoutPositiveRate)) < 0.03, `${kind} shuffled-label accuracy ${syn.accuracy}`);
    assert.ok(syn.f1 < 0.2, `${kind} shuffled-label F1 ${syn.f1}`);
  }
  // same seed → same numbers
  const again = tstr(train, shuffled, holdout, 'label', 'yes', { seed: 1, models: ['logistic'], classifier });
  assert.deepEqual(again.real.logistic, r.real.logistic);
  assert.ok(Math.abs(r.holdoutPositiveRate - [...holdout.columns[3]].reduce((s, v) => s + v, 0) / 600) < 1e-15);
});
