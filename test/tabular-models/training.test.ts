// Short real trainings of the tabular models on the generated toy table: CTGAN learns to honour its
// conditional vector (the training-by-sampling loss), TVAE's loss falls, both round-trip a checkpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { tf } from '../../src/engine/tf.js';
import { trainRun } from '../../src/node/train-run.js';
import { openSession } from '../../src/node/session.js';
import type { Ctgan } from '../../src/models/tabular/ctgan.js';
import { tempDir } from '../helpers/tmp.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Share of rows of group `g` when the conditional vector alone asks for g (no rejection). */
function honoured(m: Ctgan, g: string): number {
  const x = m.sampleEncoded(600, new Rng(8), { condition: { group: g } });
  const t = m.transformer.inverse(x.dataSync() as Float32Array, 600);
  x.dispose();
  const code = m.transformer.schema.columns[1].categories!.indexOf(g);
  return t.columns[1].filter((v) => v === code).length / 600;
}

test('CTGAN learns to honour the conditional vector (training-by-sampling + its cross-entropy)', async () => {
  const dir = tempDir();
  const overrides = ['train.steps=600', 'train.lr=1e-3', 'train.batchSize=100', 'model.pac=10', 'model.embeddingDim=16', 'model.generatorDims=64,64', 'model.discriminatorDims=64,64', 'data.trainSize=1000'];
  const fresh = await openSession({ modelId: 'ctgan', preset: 'tiny', overrides });
  const before = honoured(fresh.model as Ctgan, 'c');
  fresh.dispose();
  const run = await trainRun({ modelId: 'ctgan', preset: 'tiny', overrides, out: dir, skipArtifacts: true });
  try {
    const after = honoured(run.session.model as Ctgan, 'c');
    assert.ok(after > 0.9 && after > before + 0.3, `group c asked: ${before} of rows before training, ${after} after`);
  } finally {
    run.session.dispose();
  }
  const loaded = await openSession({ checkpoint: dir });
  try {
    assert.equal(loaded.step, 600);
    assert.ok(honoured(loaded.model as Ctgan, 'c') > 0.9);
  } finally {
    loaded.dispose();
  }
});

test('TVAE: the loss falls over 300 steps and a saved run samples the same rows', async () => {
  const dir = tempDir();
  const start = tf.memory().numTensors;
  const run = await trainRun({ modelId: 'tvae', preset: 'tiny', overrides: ['train.steps=300', 'train.batchSize=100', 'data.trainSize=1000', 'train.logEvery=1'], out: dir, skipArtifacts: true });
  const losses = readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => typeof r.loss === 'number').map((r) => r.loss as number);
  assert.ok(losses.length >= 100, `${losses.length} logged losses`);
  const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
  const a = (run.session.model as unknown as { sampleTable(n: number, r: Rng): { columns: Float64Array[] } }).sampleTable(20, new Rng(1));
  run.session.dispose();
  assert.equal(tf.memory().numTensors, start, 'tensors leaked');
  const loaded = await openSession({ checkpoint: dir });
  try {
    const b = (loaded.model as unknown as { sampleTable(n: number, r: Rng): { columns: Float64Array[] } }).sampleTable(20, new Rng(1));
    assert.deepEqual(b.columns, a.columns);
  } finally {
    loaded.dispose();
  }
  assert.ok(mean(losses.slice(-20)) < mean(losses.slice(0, 20)) - 1, `loss ${mean(losses.slice(0, 20))} → ${mean(losses.slice(-20))}`);
});

test('DP-TVAE: DP-SGD sees each example’s σ gradient, spends exactly its ε budget, and keeps σ clamped', async () => {
  const dir = tempDir();
  const run = await trainRun({ modelId: 'tvae', preset: 'tiny', overrides: ['train.steps=60', 'train.dp.targetEpsilon=1', 'train.logEvery=1'], out: dir, skipArtifacts: true });
  try {
    const rows = readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r['privacy/epsilon'] !== undefined);
    assert.equal(rows.length, 60);
    const eps = rows.map((r) => r['privacy/epsilon'] as number);
    assert.ok(eps.every((e, i) => i === 0 || e >= eps[i - 1]), 'ε only grows');
    assert.ok(eps.at(-1)! <= 1 && eps.at(-1)! > 0.99, `ε after the last step: ${eps.at(-1)}`);
    assert.ok(rows.every((r) => Number.isFinite(r.loss)));
    const sigma = Array.from((run.session.model as unknown as { sigma(): { dataSync(): Float32Array } }).sigma().dataSync());
    assert.ok(sigma.every((s) => s >= 0.01 - 1e-7 && s <= 1 + 1e-7));
  } finally {
    run.session.dispose();
  }
});
