// Interrupt-and-resume must reproduce an uninterrupted run bit for bit on the cpu backend.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { trainRun } from '../../src/node/train-run.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

// cosine LR, EMA, clipping and dynamic binarisation all carry state across the interruption
const overrides = ['train.steps=24', 'train.lrSchedule=cosine', 'train.warmupSteps=4', 'train.ema=0.9', 'train.gradClip=50'];

function weightsOf(run: Awaited<ReturnType<typeof trainRun>>): Float32Array[] {
  return Object.values(run.session.model.networks).flatMap((n) => n.getWeights().map((w) => w.dataSync().slice() as Float32Array));
}

before(() => useBackend('cpu'));

test('interrupted at step 10 and resumed = uninterrupted, bit-identical on cpu', async () => {
  const full = await trainRun({ modelId: 'vae', preset: 'tiny', overrides, out: tempDir(), backend: 'cpu', skipArtifacts: true });
  const expected = weightsOf(full);
  const expectedState = full.session.recipe.getState();
  full.session.dispose();

  const dir = tempDir();
  const controller = new AbortController();
  const first = await trainRun({
    modelId: 'vae', preset: 'tiny', overrides, out: dir, backend: 'cpu', skipArtifacts: true, signal: controller.signal,
    onEvent: (e) => { if (e.type === 'step' && e.step === 10) controller.abort(); },
  });
  assert.equal(first.result.reason, 'interrupted');
  assert.equal(first.result.step, 10);
  first.session.dispose();

  const resumed = await trainRun({ checkpoint: dir, backend: 'cpu', skipArtifacts: true });
  assert.equal(resumed.result.step, 24);
  const got = weightsOf(resumed);
  assert.equal(got.length, expected.length);
  got.forEach((w, i) => assert.ok(Buffer.from(w.buffer).equals(Buffer.from(expected[i].buffer)), `weight tensor ${i} differs`));
  const gotState = resumed.session.recipe.getState();
  assert.deepEqual(gotState.json, expectedState.json, 'recipe RNG state');
  gotState.tensors.forEach((t, i) => assert.deepEqual(t.tensor.dataSync(), expectedState.tensors[i].tensor.dataSync(), `state ${t.name}`));
  [...gotState.tensors, ...expectedState.tensors].forEach((t) => t.tensor.dispose());
  resumed.session.dispose();
});
