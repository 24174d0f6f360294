// Model-level contracts of DiffusionModel on tiny real networks: labels reach the samples, image models
// step with the clipped-x̂_0 ε̂, upscaling depends on its input, and every table scheduler samples and inpaints.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { openSession } from '../../src/node/session.js';
import { schedulerNames } from '../../src/schedulers/index.js';
import type { DiffusionModel } from '../../src/models/diffusion/diffusion.js';
import { useBackend } from '../helpers/engine.js';

describe('diffusion model contracts (wasm)', () => {
  before(() => useBackend('wasm'));

  test('ddpm-cond: labels [1, 2, 3] and [4, 5, 6] on the same seed give different samples (guided and plain)', async () => {
    const s = await openSession({ modelId: 'ddpm-cond', preset: 'tiny' });
    const m = s.model as DiffusionModel;
    try {
      for (const guidance of [2, 1]) {
        const a = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 3, eta: 0, labels: [1, 2, 3], guidance });
        const b = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 3, eta: 0, labels: [4, 5, 6], guidance });
        const again = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 3, eta: 0, labels: [4, 5, 6], guidance });
        const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
        assert.deepEqual(b.dataSync(), again.dataSync());
        assert.ok(diff > 1e-3, `guidance ${guidance}: samples differ by at most ${diff}`);
        tf.dispose([a, b, again]);
      }
    } finally {
      s.dispose();
    }
  });

  test('image models: one DDIM step re-derives ε̂ from the x̂_0 clipped to [−1, 1] (hand-computed)', async () => {
    const s = await openSession({ modelId: 'ddpm', preset: 'tiny' });
    const m = s.model as DiffusionModel;
    try {
      const sched = m.scheduler({ sampler: 'ddim', steps: 5, eta: 0 });
      assert.deepEqual(sched.timesteps, [40, 30, 20, 10, 0]);
      const [t, tPrev] = [30, 20];
      const x = [2, 0.1], eps = [-0.5, 0.2];
      const a = m.alphasCumprod[t], ap = m.alphasCumprod[tPrev];
      const want = x.map((xi, i) => {
        const x0 = Math.min(1, Math.max(-1, (xi - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a))); // eq. 15, clipped
        const e = (xi - Math.sqrt(a) * x0) / Math.sqrt(1 - a); // ε̂ of the clipped x̂_0
        return Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * e; // eq. 12, η = 0
      });
      assert.ok((x[0] - Math.sqrt(1 - a) * eps[0]) / Math.sqrt(a) > 1.5, 'the first entry is clipped');
      const [xt, out] = [tf.tensor2d([x]), tf.tensor2d([eps])];
      const prev = sched.step(out, t, xt);
      Array.from(prev.dataSync()).forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-5, `[${i}] ${v} vs ${want[i]}`));
      tf.dispose([xt, out, prev]);
    } finally {
      s.dispose();
    }
  });

  test('ddpm-sr: upscaling two different inputs on the same seed gives different outputs; the same input, the same', async () => {
    const s = await openSession({ modelId: 'ddpm-sr', preset: 'tiny' });
    const m = s.model as DiffusionModel;
    try {
      const batch = s.data.test.batch([0, 1]);
      const low = tf.tidy(() => tf.avgPool(batch.x as tf.Tensor4D, 2, 2, 'valid')); // [2, 14, 14, 1]
      const other = tf.tidy(() => tf.sub(1, low));
      const a = m.upscale(low, new Rng(1), { steps: 3, eta: 0 });
      const b = m.upscale(other, new Rng(1), { steps: 3, eta: 0 });
      const c = m.upscale(low, new Rng(1), { steps: 3, eta: 0 });
      const viaSample = m.sample(2, new Rng(1), { steps: 3, eta: 0, lowres: low });
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
      assert.ok(diff > 1e-3, `outputs differ by at most ${diff}`);
      assert.deepEqual(a.dataSync(), c.dataSync());
      assert.deepEqual(a.dataSync(), viaSample.dataSync());
      tf.dispose([batch.x, batch.y, low, other, a, b, c, viaSample]);
    } finally {
      s.dispose();
    }
  });

  test('every scheduler in the table samples and inpaints through the model, leaking nothing; unknown names list the table', async () => {
    const s = await openSession({ modelId: 'ddpm', preset: 'tiny' });
    const m = s.model as DiffusionModel;
    try {
      const batch = s.data.test.batch([0, 1]);
      const missing = tf.tidy(() => tf.pad(tf.ones([2, 14, 14, 1]), [[0, 0], [7, 7], [7, 7], [0, 0]]));
      const start = tf.memory().numTensors;
      for (const sampler of schedulerNames()) {
        const x = m.sample(2, new Rng(1), { sampler, steps: 3 });
        const y = m.sample(2, new Rng(1), { sampler, steps: 3 });
        assert.deepEqual(x.shape, [2, 28, 28, 1]);
        assert.deepEqual(x.dataSync(), y.dataSync(), `${sampler}: same seed, same samples`);
        const fill = m.inpaint(batch.x, missing, new Rng(2), { sampler, steps: 3, resample: 2 });
        const kept = tf.tidy(() => tf.max(tf.abs(tf.mul(tf.sub(fill, batch.x), tf.sub(1, missing)))).dataSync()[0]);
        assert.ok(kept < 1e-5, `${sampler}: known region changed by ${kept}`);
        tf.dispose([x, y, fill]);
        assert.equal(tf.memory().numTensors, start, `${sampler} leaks no tensors`);
      }
      const names = schedulerNames().join(' or ');
      assert.throws(() => m.sample(1, new Rng(1), { sampler: 'euler' }), (e: Error) => e.message.includes(`Unknown sampler "euler"; use ${names}.`));
      await assert.rejects(openSession({ modelId: 'ddpm', preset: 'tiny', overrides: ['model.sampler=euler'] }), (e: Error) => schedulerNames().every((n) => e.message.includes(n)));
      tf.dispose([batch.x, batch.y, missing]);
    } finally {
      s.dispose();
    }
  });
});
