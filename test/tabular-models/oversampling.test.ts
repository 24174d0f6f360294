// The oversampling bench's arms on the generated toy table with group 'c' cut to a rare 10 %: random
// oversampling duplicates only minority rows until the classes balance, and the three arms run end to end
// with a tiny CTGAN's conditional sampler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toyTable } from '../../src/data/tabular/toy-table.js';
import { downsampleCategory } from '../../src/data/tabular/split-table.js';
import { trainAndScore } from '../../src/metrics/tabular/tstr.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { Rng } from '../../src/random/rng.js';
import { tf } from '../../src/engine/tf.js';
import { balanceDeficit, classRows, conditionalSampler, fitCtgan, meanSd, randomOversample, runArms } from '../../bench/tabular/oversampling-arms.js';

const rare = () => downsampleCategory(toyTable(600, 3), 'group', 'c', 0.1, 1);
const C = 2; // code of 'c' in the toy schema

test('the rare toy table: group c is 10 % of rows and the deficit is the class difference', () => {
  const t = rare();
  const c = t.columns[1].filter((v) => v === C).length;
  assert.ok(c > 20, `${c} rows of c`);
  assert.equal(c, Math.round((0.1 * (t.rows - c)) / 0.9));
  assert.deepEqual(classRows(t, 'group', 'c').pos.length, c);
  assert.equal(balanceDeficit(t, 'group', 'c'), t.rows - 2 * c);
  assert.equal(balanceDeficit(t, 'group', 'a'), 0, 'the majority class needs no rows');
});

test('random oversampling keeps every real row and adds exact copies of minority rows only, until balance', () => {
  const t = rare();
  const { table, added } = randomOversample(t, 'group', 'c', new Rng(5));
  const deficit = balanceDeficit(t, 'group', 'c');
  assert.equal(added.length, deficit);
  assert.equal(table.rows, t.rows + deficit);
  for (let col = 0; col < t.columns.length; col++) assert.deepEqual(table.columns[col].subarray(0, t.rows), t.columns[col]);
  for (let i = 0; i < deficit; i++) {
    assert.equal(t.columns[1][added[i]], C, `duplicate ${i} copies row ${added[i]}, not a minority row`);
    for (let col = 0; col < t.columns.length; col++) assert.equal(table.columns[col][t.rows + i], t.columns[col][added[i]]);
  }
  const { pos, neg } = classRows(table, 'group', 'c');
  assert.equal(pos.length, neg.length);
  // uniform draws: with ~40 minority rows and ~400 draws, nearly all of them are used
  assert.ok(new Set(added).size > 0.9 * classRows(t, 'group', 'c').pos.length, `${new Set(added).size} distinct sources`);
  assert.deepEqual(randomOversample(t, 'group', 'c', new Rng(5)).added, added, 'seeded');
});

test('meanSd: sample standard deviation', () => {
  const m = meanSd([1, 2, 3, 4]);
  assert.equal(m.mean, 2.5);
  assert.ok(Math.abs(m.sd - Math.sqrt(5 / 3)) < 1e-15);
});

test('the three arms run with a tiny CTGAN: rows, class counts and the real-only arm as trainAndScore', async () => {
  await initNodeEngine();
  const start = tf.memory().numTensors;
  const t = rare();
  const holdout = downsampleCategory(toyTable(300, 9), 'group', 'c', 0.1, 2);
  const fitted = await fitCtgan(t, ['seed=3', 'train.steps=20', 'train.batchSize=40', 'model.pac=2', 'model.embeddingDim=8', 'model.generatorDims=16', 'model.discriminatorDims=16', 'train.checkpointEvery=0']);
  const classifier = { steps: 40 };
  let asked = 0;
  const sampler = conditionalSampler(fitted.model, 'group', 'c');
  const counted = (n: number, rng: Rng) => ((asked = n), sampler(n, rng));
  const arms = runArms(t, { holdout }, 'group', 'c', counted, 7, { classifier });
  const deficit = balanceDeficit(t, 'group', 'c');
  const pos = classRows(t, 'group', 'c').pos.length;
  assert.deepEqual(arms.map((a) => [a.arm, a.rows, a.positives]), [
    ['none', t.rows, pos],
    ['random', t.rows + deficit, pos + deficit],
    ['synthetic', t.rows + deficit, pos + deficit],
  ]);
  assert.equal(asked, deficit);
  const direct = trainAndScore(t, holdout, 'group', 'c', ['logistic', 'mlp'], new Rng(7).fork('detector'), classifier);
  assert.deepEqual(arms[0].scores.holdout, direct);
  const dup = randomOversample(t, 'group', 'c', new Rng(7).fork('random-oversampling')).table;
  assert.deepEqual(arms[1].scores.holdout, trainAndScore(dup, holdout, 'group', 'c', ['logistic', 'mlp'], new Rng(7).fork('detector'), classifier));
  for (const a of arms) for (const s of Object.values(a.scores.holdout)) assert.ok(Number.isFinite(s!.auroc) && s!.f1 >= 0 && s!.f1 <= 1);
  // a sampler that returns rows of another class is refused, not silently mixed in
  assert.throws(() => runArms(t, { holdout }, 'group', 'c', (n) => ({ ...t, rows: n, columns: t.columns.map((c) => c.slice(0, n)) }), 7, { classifier, arms: ['synthetic'] }), /outside group=c/);
  fitted.dispose();
  assert.equal(tf.memory().numTensors, start, 'tensors leaked');
});
