// CTGAN's pieces against their definitions (Xu et al. 2019; the ctgan package): Gumbel-softmax,
// the conditional vector's distribution, training-by-sampling's row choice and the conditional loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { toyTable } from '../../src/data/tabular/toy-table.js';
import { fitTableTransformer } from '../../src/data/tabular/table-transformer.js';
import { EncodedTableDataset } from '../../src/data/tabular/encoded-dataset.js';
import { gumbelSoftmax, activateSpans, spanOffsets } from '../../src/models/tabular/span-ops.js';
import { categoryProbabilities, realRowsFor, sampleCondVectors } from '../../src/train/recipes/training-by-sampling.js';
import { Ctgan } from '../../src/models/tabular/ctgan.js';
import { ctganModelSection } from '../../src/models/tabular/ctgan-config.js';
import { initWeights } from '../../src/nn/init.js';

const table = toyTable(600, 3);
const transformer = fitTableTransformer(table, new Rng(1));
const data = new EncodedTableDataset('toy', table, transformer, new Rng(2));

test('Gumbel-softmax rows sum to 1 and their argmax follows softmax(logits) (the Gumbel-max trick)', () => {
  const logits = tf.tensor2d(Array.from({ length: 20000 }, () => [0, 1, 2]));
  const y = gumbelSoftmax(logits, 0.2, new Rng(5));
  const sums = tf.sum(y, 1).dataSync();
  const arg = tf.argMax(y, 1).dataSync();
  for (const s of sums) assert.ok(Math.abs(s - 1) < 1e-5);
  const p = [1, Math.E, Math.E ** 2].map((v) => v / (1 + Math.E + Math.E ** 2));
  for (let k = 0; k < 3; k++) {
    const f = arg.filter((a) => a === k).length / 20000;
    assert.ok(Math.abs(f - p[k]) < 4 * Math.sqrt((p[k] * (1 - p[k])) / 20000), `category ${k}: ${f} vs ${p[k]}`);
  }
  tf.dispose([logits, y]);
});

test('activateSpans: tanh spans in (−1, 1), every one-hot span sums to 1', () => {
  const raw = new Rng(3).normalTensor([16, transformer.dim]);
  const act = activateSpans(raw, transformer.spans, 0.2, new Rng(4));
  const v = act.dataSync();
  for (let b = 0; b < 16; b++) {
    for (const { span, offset } of spanOffsets(transformer.spans)) {
      const part = Array.from(v.subarray(b * transformer.dim + offset, b * transformer.dim + offset + span.dim));
      if (span.activation === 'tanh') assert.ok(part.every((x) => x > -1 && x < 1));
      else assert.ok(Math.abs(part.reduce((a, x) => a + x, 0) - 1) < 1e-5);
    }
  }
  tf.dispose([raw, act]);
});

test('conditional vectors: a column uniformly, then a category ∝ log(1 + count); one 1 inside the masked span', () => {
  const probs = categoryProbabilities(data, true);
  const spans = transformer.discreteSpans;
  const offsets: number[] = [];
  spans.reduce((o, s) => (offsets.push(o), o + s.size), 0);
  const condDim = spans.reduce((a, s) => a + s.size, 0);
  // the probabilities themselves
  spans.forEach((s, j) => {
    const logs = Array.from({ length: s.size }, (_, k) => Math.log(data.rowsWith(j, k).length + 1));
    const total = logs.reduce((a, v) => a + v, 0);
    logs.forEach((l, k) => assert.ok(Math.abs(probs[j][k] - l / total) < 1e-12));
  });
  const n = 30000;
  const c = sampleCondVectors(n, probs, offsets, condDim, new Rng(7));
  const hits = new Float64Array(condDim);
  for (let i = 0; i < n; i++) {
    const row = c.cond.subarray(i * condDim, (i + 1) * condDim);
    assert.equal(row.reduce((a, v) => a + v, 0), 1);
    const at = row.indexOf(1);
    const j = c.span[i];
    assert.equal(c.mask[i * spans.length + j], 1);
    assert.equal(at, offsets[j] + c.category[i]);
    hits[at]++;
  }
  spans.forEach((s, j) => {
    for (let k = 0; k < s.size; k++) {
      const p = probs[j][k] / spans.length;
      const f = hits[offsets[j] + k] / n;
      assert.ok(Math.abs(f - p) < 4 * Math.sqrt((p * (1 - p)) / n), `span ${j} category ${k}: ${f} vs ${p}`);
    }
  });
});

test("training-by-sampling: each real row holds the category of its (shuffled) condition", () => {
  const probs = categoryProbabilities(data, true);
  const spans = transformer.discreteSpans;
  const offsets: number[] = [];
  spans.reduce((o, s) => (offsets.push(o), o + s.size), 0);
  const condDim = spans.reduce((a, s) => a + s.size, 0);
  const rng = new Rng(9);
  const c = sampleCondVectors(200, probs, offsets, condDim, rng);
  const perm = rng.permutation(200);
  const { indices, cond } = realRowsFor(data, c, perm, condDim, rng);
  for (let i = 0; i < 200; i++) {
    const p = perm[i];
    assert.equal(table.columns[spans[c.span[p]].column][indices[i]], c.category[p], `row ${i}`);
    assert.deepEqual(Array.from(cond.subarray(i * condDim, (i + 1) * condDim)), Array.from(c.cond.subarray(p * condDim, (p + 1) * condDim)));
  }
});

test("CTGAN's conditional loss: ≈ 0 when the raw output picks the asked category, log(size) when uniform", () => {
  const m = new Ctgan(ctganModelSection.parse({ pac: 1 }), { kind: 'table', shape: [transformer.dim], table: transformer });
  try {
    const spans = transformer.discreteSpans;
    const S = spans.length;
    const b = 2 * S;
    const cond = new Float32Array(b * m.condDim);
    const mask = new Float32Array(b * S);
    const sure = new Float32Array(b * transformer.dim);
    for (let i = 0; i < b; i++) {
      const j = i % S;
      const k = i % spans[j].size;
      mask[i * S + j] = 1;
      cond[i * m.condDim + m.condOffsets[j] + k] = 1;
      sure[i * transformer.dim + spans[j].offset + k] = 50;
    }
    const ct = tf.tensor2d(cond, [b, m.condDim]);
    const mt = tf.tensor2d(mask, [b, S]);
    const confident = m.condLoss(tf.tensor2d(sure, [b, transformer.dim]), ct, mt).dataSync()[0];
    assert.ok(confident < 1e-6, `confident loss ${confident}`);
    const uniform = m.condLoss(tf.zeros([b, transformer.dim]), ct, mt).dataSync()[0];
    const expected = Array.from({ length: b }, (_, i) => Math.log(spans[i % S].size)).reduce((a, v) => a + v, 0) / b;
    assert.ok(Math.abs(uniform - expected) < 1e-5, `${uniform} vs ${expected}`);
  } finally {
    m.dispose();
  }
});

test('CTGAN sampling: categories ∝ the stored counts without a condition; only the asked one with it', () => {
  const m = new Ctgan(ctganModelSection.parse({ pac: 1, embeddingDim: 4, generatorDims: [8], discriminatorDims: [8] }), { kind: 'table', shape: [transformer.dim], table: transformer });
  try {
    initWeights([m.networks.generator, m.networks.discriminator], new Rng(1));
    const counts = new Float32Array(m.condDim);
    transformer.discreteSpans.forEach((s, j) => {
      for (let k = 0; k < s.size; k++) counts[m.condOffsets[j] + k] = data.rowsWith(j, k).length;
    });
    m.setCategoryCounts(counts);
    const n = 20000;
    const c = m.samplingCondition(n, new Rng(3)).dataSync();
    const total = counts.reduce((a, v) => a + v, 0);
    for (let k = 0; k < m.condDim; k++) {
      let hits = 0;
      for (let i = 0; i < n; i++) hits += c[i * m.condDim + k];
      const p = counts[k] / total;
      assert.ok(Math.abs(hits / n - p) < 4 * Math.sqrt((p * (1 - p)) / n), `cond ${k}`);
    }
    const rows = m.sampleTable(300, new Rng(4), { condition: { group: 'c' } });
    assert.equal(rows.rows, 300);
    const code = transformer.schema.columns[1].categories!.indexOf('c');
    assert.ok(rows.columns[1].every((v) => v === code));
    assert.throws(() => m.sampleTable(5, new Rng(4), { condition: { group: 'z' } }), /Cannot condition on group="z": the training data's categories of 'group' are "a", "b", "c"\./);
    assert.throws(() => m.sampleTable(5, new Rng(4), { condition: { x: '1' } }), /Cannot condition on 'x': it is a continuous column/);
    assert.throws(() => m.sampleTable(5, new Rng(4), { condition: { nope: '1' } }), /Cannot condition on 'nope': the table has no such column; columns: x, group, count, flag\./);
  } finally {
    m.dispose();
  }
});
