// Scale-shift (AdaGN) conditioning in the UNet: the layer's arithmetic, and a ddpm-cond UNet built with
// model.embedding=scale-shift that saves and reloads to the same predictions and whose prediction
// depends on the class label through the norm's scale and shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { ScaleShift } from '../../src/nn/scale-shift.js';
import { openSession } from '../../src/node/session.js';
import { trainRun } from '../../src/node/train-run.js';
import type { DiffusionModel } from '../../src/models/diffusion/diffusion.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

test('ScaleShift computes h·(1 + s) + b with [s, b] split along channels', async () => {
  await useBackend('cpu');
  const h = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]); // [B,H,W,C=2]
  const e = tf.tensor4d([0.5, -1, 10, 20], [1, 1, 1, 4]); // s = [0.5, −1], b = [10, 20]
  const y = new ScaleShift({}).apply([h, e]) as tf.Tensor;
  assert.deepEqual(Array.from(y.dataSync()), [1 * 1.5 + 10, 2 * 0 + 20, 3 * 1.5 + 10, 4 * 0 + 20]);
  tf.dispose([h, e, y]);
});

test('ddpm-cond with model.embedding=scale-shift: label-dependent, and a checkpoint reloads to the same output', async () => {
  await useBackend('wasm');
  const dir = tempDir('genlab-ss-');
  const run = await trainRun({ modelId: 'ddpm-cond', preset: 'tiny', overrides: ['model.embedding=scale-shift', 'train.steps=3'], out: dir });
  const m = run.session.model as DiffusionModel;
  assert.ok(m.networks.denoiser.layers.some((l) => l.getClassName() === 'GenlabScaleShift'));
  const x = new Rng(3).normalTensor([2, 28, 28, 1]);
  const a = m.predict(x, [10, 10], [1, 1]), b = m.predict(x, [10, 10], [7, 7]);
  const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
  assert.ok(diff > 1e-4, `the label should change the prediction: ${diff}`);
  run.session.dispose();
  const reopened = await openSession({ checkpoint: dir });
  const c = (reopened.model as DiffusionModel).predict(x, [10, 10], [1, 1]);
  assert.ok(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0] < 1e-6, 'reloaded network predicts the same');
  tf.dispose([x, a, b, c]);
  reopened.dispose();
});
