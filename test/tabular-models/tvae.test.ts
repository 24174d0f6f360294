// TVAE against the ctgan package's definitions: its reconstruction terms computed by hand, the σ clamp,
// and rows that come back in the training table's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { toyTable } from '../../src/data/tabular/toy-table.js';
import { fitTableTransformer } from '../../src/data/tabular/table-transformer.js';
import { tvaeReconstruction, spanOffsets } from '../../src/models/tabular/span-ops.js';
import { Tvae } from '../../src/models/tabular/tvae.js';
import { tvaeModelSection } from '../../src/models/tabular/tvae-config.js';
import { initWeights } from '../../src/nn/init.js';
import { writeTable } from '../../src/data/tabular/write-table.js';
import { readTable } from '../../src/data/tabular/read-table.js';

const table = toyTable(300, 5);
const transformer = fitTableTransformer(table, new Rng(1));
const info = { kind: 'table' as const, shape: [transformer.dim], table: transformer };

test("TVAE's reconstruction sum equals the ctgan package's formula evaluated in float64", () => {
  const rng = new Rng(3);
  const b = 7;
  const d = transformer.dim;
  const x = transformer.transform(table, new Rng(4)).slice(0, b * d);
  const raw = rng.normalArray(b * d);
  const sigma = rng.uniformArray(d, 0.05, 0.9);
  let expected = 0;
  for (const { span, offset } of spanOffsets(transformer.spans)) {
    for (let i = 0; i < b; i++) {
      if (span.activation === 'tanh') {
        for (let k = 0; k < span.dim; k++) {
          const e = x[i * d + offset + k] - Math.tanh(raw[i * d + offset + k]);
          expected += (e * e) / 2 / sigma[offset + k] ** 2 + Math.log(sigma[offset + k]);
        }
      } else {
        const r = Array.from(raw.subarray(i * d + offset, i * d + offset + span.dim));
        const t = Array.from(x.subarray(i * d + offset, i * d + offset + span.dim));
        const target = t.indexOf(Math.max(...t));
        const m = Math.max(...r);
        const lse = m + Math.log(r.reduce((a, v) => a + Math.exp(v - m), 0));
        expected += lse - r[target];
      }
    }
  }
  const got = tvaeReconstruction(tf.tensor2d(raw, [b, d]), tf.tensor2d(x, [b, d]), tf.tensor2d(sigma, [1, d]), transformer.spans).dataSync()[0];
  assert.ok(Math.abs(got - expected) / Math.abs(expected) < 1e-5, `${got} vs ${expected}`);
  // σ given one row per example (how DP-SGD sees it) is the same sum
  const rows = tf.tile(tf.tensor2d(sigma, [1, d]), [b, 1]);
  const perRow = tvaeReconstruction(tf.tensor2d(raw, [b, d]), tf.tensor2d(x, [b, d]), rows, transformer.spans).dataSync()[0];
  assert.ok(Math.abs(perRow - expected) / Math.abs(expected) < 1e-5, `σ per row: ${perRow} vs ${expected}`);
});

test('TVAE clamps its learnt σ into [0.01, 1] after a step, and starts at 0.1', () => {
  const m = new Tvae(tvaeModelSection.parse({ embeddingDim: 4, compressDims: [8], decompressDims: [8] }), info);
  try {
    initWeights(Object.values(m.networks), new Rng(1));
    m.resetSigma();
    assert.ok(Array.from(m.sigma().dataSync()).every((v) => Math.abs(v - 0.1) < 1e-7));
    const w = tf.tensor2d(Array.from({ length: transformer.dim }, (_, i) => (i % 3 === 0 ? 5 : i % 3 === 1 ? -2 : 0.3)), [1, transformer.dim]);
    m.networks.sigma.getLayer('sigma_scale').setWeights([w]);
    m.afterStep();
    const s = Array.from(m.sigma().dataSync());
    s.forEach((v, i) => assert.ok(Math.abs(v - (i % 3 === 0 ? 1 : i % 3 === 1 ? 0.01 : 0.3)) < 1e-7, `σ[${i}] = ${v}`));
  } finally {
    m.dispose();
  }
});

test("TVAE samples are rows of the training schema, and its CSV reads back against the schema", () => {
  const m = new Tvae(tvaeModelSection.parse({ embeddingDim: 4, compressDims: [8], decompressDims: [8] }), info);
  try {
    initWeights(Object.values(m.networks), new Rng(1));
    m.resetSigma();
    const rows = m.sampleTable(50, new Rng(2));
    assert.equal(rows.rows, 50);
    assert.deepEqual(rows.schema, transformer.schema);
    rows.columns[1].forEach((v) => assert.ok(Number.isInteger(v) && v >= 0 && v < 3));
    rows.columns[2].forEach((v) => assert.ok(Number.isInteger(v)));
    const again = readTable(writeTable(rows), { schema: transformer.schema });
    assert.deepEqual(again.columns.slice(1), rows.columns.slice(1));
    const cond = m.sampleTable(40, new Rng(3), { condition: { flag: 'true' } });
    assert.ok(cond.columns[3].every((v) => v === 1));
  } finally {
    m.dispose();
  }
});

/**
 * Group ('a', 'b', 'c') of n rows sampled from a TVAE whose decoder ignores z and outputs these logits for the
 * 'group' span (zero kernel, the logits as its bias).
 */
function groupsFromLogits(categories: 'argmax' | 'sample', logits: number[], n: number, seed: number): Float64Array {
  const m = new Tvae(tvaeModelSection.parse({ embeddingDim: 4, compressDims: [8], decompressDims: [8], categories }), info);
  try {
    initWeights(Object.values(m.networks), new Rng(1));
    m.resetSigma();
    const last = m.networks.decoder.layers[m.networks.decoder.layers.length - 1];
    const [kernel, bias] = last.getWeights();
    const b = new Float32Array(bias.size);
    const group = transformer.discreteSpans.find((s) => s.column === 1)!;
    logits.forEach((l, k) => (b[group.offset + k] = l));
    last.setWeights([tf.zerosLike(kernel), tf.tensor1d(b)]);
    return m.sampleTable(n, new Rng(seed)).columns[1];
  } finally {
    m.dispose();
  }
}

test('TVAE decodes one-hot spans by their logits: two saturated logits (tanh = 1 in float32) still pick the larger', () => {
  // 'a' at 20: tanh(20) = 1 in float32, and so is 'c' at 30, the larger logit
  const groups = groupsFromLogits('argmax', [20, 0, 30], 20, 2);
  assert.ok(Array.from(groups).every((v) => v === 2), `decoded groups ${Array.from(groups)}`);
});

test("TVAE with categories 'sample' draws each category at its softmax probability; 'argmax' always takes the mode", () => {
  const probs = [0.2, 0.3, 0.5];
  const logits = probs.map((p) => Math.log(p) + 7); // softmax is shift-free
  const counts = (categories: 'argmax' | 'sample') => {
    const groups = Array.from(groupsFromLogits(categories, logits, 4000, 5));
    return [0, 1, 2].map((k) => groups.filter((v) => v === k).length);
  };
  assert.deepEqual(counts('argmax'), [0, 0, 4000]);
  const sampled = counts('sample');
  probs.forEach((p, k) => {
    const se = Math.sqrt((p * (1 - p)) / 4000);
    assert.ok(Math.abs(sampled[k] / 4000 - p) < 4 * se, `category ${k}: ${sampled[k] / 4000} vs ${p} (4 SE = ${4 * se})`);
  });
});

test('TVAE samples value spans as tanh(decoder output) + σ·ε, and refuses data that are not a table', () => {
  const m = new Tvae(tvaeModelSection.parse({ embeddingDim: 4, compressDims: [8], decompressDims: [8] }), info);
  try {
    initWeights(Object.values(m.networks), new Rng(1));
    m.resetSigma(); // σ = 0.1
    const last = m.networks.decoder.layers[m.networks.decoder.layers.length - 1];
    const [kernel, bias] = last.getWeights();
    last.setWeights([tf.zerosLike(kernel), tf.fill(bias.shape, 0.5)]);
    const n = 4000;
    const d = transformer.dim;
    const rows = m.sample(n, new Rng(7));
    const x = rows.dataSync();
    rows.dispose();
    const values = spanOffsets(transformer.spans).filter(({ span }) => span.activation === 'tanh');
    assert.ok(values.length > 0);
    for (const { offset } of values) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        sum += x[i * d + offset];
        sq += x[i * d + offset] ** 2;
      }
      const mean = sum / n;
      const std = Math.sqrt(sq / n - mean * mean);
      assert.ok(Math.abs(mean - Math.tanh(0.5)) < (4 * 0.1) / Math.sqrt(n), `value at ${offset}: mean ${mean} vs tanh(0.5)`);
      assert.ok(Math.abs(std / 0.1 - 1) < 0.05, `value at ${offset}: std ${std} vs σ 0.1`);
    }
  } finally {
    m.dispose();
  }
  assert.throws(() => new Tvae(tvaeModelSection.parse({}), { kind: 'image', shape: [4] }), /TVAE trains on tables: pass a CSV or ARFF file/);
});
