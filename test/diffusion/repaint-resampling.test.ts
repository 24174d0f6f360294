// RePaint's resampling jumps (Lugmayr et al. 2022, Algorithm 1, lines 8–9) with an exact denoiser: when
// the pixels are independent N(μ, s²), the known half says nothing about the unknown half, so the
// unknown pixels must come out N(μ, s²) — for any number of resampling rounds U. A wrong jump
// x_t = √(ᾱ_t/ᾱ_{t−1})·x_{t−1} + √(1 − ᾱ_t/ᾱ_{t−1})·z (coefficients, step order, last-round rule) breaks it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { makeScheduler, type DenoiseFn } from '../../src/samplers/diffusion.js';
import { inpaint } from '../../src/samplers/inpaint.js';
import { useBackend } from '../helpers/engine.js';

const T = 100;
const MU = 0.3, S = 0.5;

/** E[ε | x_t] for x_0 ~ N(μ, s²) per pixel: √(1−ᾱ)·(x_t − √ᾱ·μ)/(ᾱ·s² + 1 − ᾱ). */
function gaussianOracle(abarOf: (t: number) => number): DenoiseFn {
  return (x, t) => tf.tidy(() => {
    const a = abarOf(t);
    return tf.mul(tf.sub(x, Math.sqrt(a) * MU), Math.sqrt(1 - a) / (a * S * S + 1 - a));
  });
}

before(() => useBackend('cpu'));

test('RePaint with U = 1, 2, 3 rounds: the unknown pixels of independent N(μ, s²) data come out N(μ, s²); the known ones stay', () => {
  const x0 = tf.tidy(() => tf.add(tf.mul(new Rng(5).normalTensor([16, 16, 16, 1]), S), MU)); // [B, H, W, 1] model space
  const known = tf.tidy(() => tf.tile(tf.reshape(tf.tensor1d(Array.from({ length: 16 }, (_, j) => (j < 8 ? 1 : 0))), [1, 1, 16, 1]), [16, 16, 1, 1]));
  for (const U of [1, 2, 3]) {
    const sched = makeScheduler('ddpm', { numTrainTimesteps: T, schedule: 'linear', prediction: 'epsilon', clipRange: 0 }, T);
    const out = inpaint(sched, gaussianOracle((t) => sched.alphasCumprod[t]), x0, known, new Rng(100 + U), { resample: U });
    const [mean, std, keptErr] = tf.tidy(() => {
      const unknown = tf.slice(out, [0, 0, 8, 0], [-1, -1, 8, -1]); // 2,048 pixels
      const m = tf.moments(unknown);
      const kept = tf.max(tf.abs(tf.sub(tf.slice(out, [0, 0, 0, 0], [-1, -1, 8, -1]), tf.slice(x0, [0, 0, 0, 0], [-1, -1, 8, -1]))));
      return [m.mean.dataSync()[0], Math.sqrt(m.variance.dataSync()[0]), kept.dataSync()[0]];
    });
    // 2,048 draws: the sample std of the mean is 0.011, of the std ≈ 0.008 — tolerances are ~4 of them
    assert.ok(Math.abs(mean - MU) < 0.045, `U = ${U}: mean ${mean}, expected ${MU}`);
    assert.ok(Math.abs(std - S) < 0.035, `U = ${U}: std ${std}, expected ${S}`);
    assert.ok(keptErr < 1e-6, `U = ${U}: the known region moved by ${keptErr}`);
    out.dispose();
  }
  tf.dispose([x0, known]);
});
