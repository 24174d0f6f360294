// Test helper: a run interrupted at `stopAt` and resumed must equal an uninterrupted one bit for bit
// (weights, recipe RNG state and optimizer/EMA tensors) — the resume contract of every model.
import assert from 'node:assert/strict';
import { trainRun } from '../../src/node/train-run.js';
import { tempDir } from './tmp.js';

type Run = Awaited<ReturnType<typeof trainRun>>;

function weightsOf(run: Run): Float32Array[] {
  return Object.values(run.session.model.networks).flatMap((n) => n.getWeights().map((w) => w.dataSync().slice() as Float32Array));
}

/** Trains `modelId` (tiny preset + overrides, which set train.steps = `total`) straight and with a stop at `stopAt`, and compares. */
export async function assertResumeBitIdentical(modelId: string, overrides: string[], stopAt: number, total: number): Promise<void> {
  const full = await trainRun({ modelId, preset: 'tiny', overrides, out: tempDir(), backend: 'cpu', skipArtifacts: true });
  const expected = weightsOf(full);
  const expectedState = full.session.recipe.getState();
  full.session.dispose();
  const dir = tempDir();
  const controller = new AbortController();
  const first = await trainRun({
    modelId, preset: 'tiny', overrides, out: dir, backend: 'cpu', skipArtifacts: true, signal: controller.signal,
    onEvent: (e) => { if (e.type === 'step' && e.step === stopAt) controller.abort(); },
  });
  assert.deepEqual([first.result.reason, first.result.step], ['interrupted', stopAt]);
  first.session.dispose();
  const resumed = await trainRun({ checkpoint: dir, backend: 'cpu', skipArtifacts: true });
  assert.equal(resumed.result.step, total);
  const got = weightsOf(resumed);
  assert.equal(got.length, expected.length);
  got.forEach((w, i) => assert.ok(Buffer.from(w.buffer).equals(Buffer.from(expected[i].buffer)), `weight tensor ${i} differs`));
  const gotState = resumed.session.recipe.getState();
  assert.deepEqual(gotState.json, expectedState.json, 'recipe RNG state');
  gotState.tensors.forEach((t, i) => assert.deepEqual(t.tensor.dataSync(), expectedState.tensors[i].tensor.dataSync(), `state ${t.name}`));
  [...gotState.tensors, ...expectedState.tensors].forEach((t) => t.tensor.dispose());
  resumed.session.dispose();
}
