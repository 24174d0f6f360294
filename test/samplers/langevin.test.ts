// Annealed Langevin (Song & Ermon 2019, Algorithm 1) and SGLD (Du & Mordatch 2019, eq. 2) against a plain-JS
// oracle of the same update that draws its noise from a twin Rng of the same seed: every coefficient
// (α_i = ε·σ_i²/σ_L², α/2, √α, the Tweedie step σ_L², λ, σ, the clip and clamp) must match exactly.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { annealedLangevin, sgld } from '../../src/samplers/langevin.js';
import { useBackend } from '../helpers/engine.js';

before(async () => {
  await useBackend('cpu');
});

const x0 = [0.9, -1.7, 0.2, 2.4, -0.3, 1.1];
const shape = [2, 3];
// a level-dependent score s(x, i) = −(x − (i + 1))·(i + 2)
const scoreJs = (x: number, i: number) => -(x - (i + 1)) * (i + 2);
const score = (x: tf.Tensor, i: number) => tf.mul(tf.sub(x, i + 1), -(i + 2));

function close(got: tf.Tensor, want: number[]) {
  const g = Array.from(got.dataSync());
  assert.deepEqual(got.shape, shape);
  g.forEach((v, j) => assert.ok(Math.abs(v - want[j]) < 1e-5, `element ${j}: ${v} vs ${want[j]}`));
}

function annealedOracle(sigmas: number[], eps: number, T: number, denoise: boolean, seed: number) {
  const twin = new Rng(seed);
  const last = sigmas[sigmas.length - 1];
  let x = [...x0];
  sigmas.forEach((s, i) => {
    const alpha = (eps * s * s) / (last * last);
    for (let k = 0; k < T; k++) {
      const z = twin.normalArray(x.length);
      x = x.map((v, j) => v + (alpha / 2) * scoreJs(v, i) + Math.sqrt(alpha) * z[j]);
    }
  });
  if (denoise) x = x.map((v) => v + last * last * scoreJs(v, sigmas.length - 1));
  return x;
}

for (const denoise of [false, true]) {
  test(`annealedLangevin matches Algorithm 1 step for step (denoise ${denoise})`, () => {
    const sigmas = [2, 1, 0.5];
    const out = annealedLangevin(score, sigmas, tf.tensor(x0, shape), new Rng(7), { stepSize: 0.01, stepsPerLevel: 2, denoise });
    close(out, annealedOracle(sigmas, 0.01, 2, denoise, 7));
    out.dispose();
  });
}

test('annealedLangevin with zero steps per level only applies the denoising step', () => {
  const out = annealedLangevin(score, [3, 0.5], tf.tensor(x0, shape), new Rng(1), { stepSize: 0.1, stepsPerLevel: 0, denoise: true });
  close(out, x0.map((v) => v + 0.25 * scoreJs(v, 1)));
  out.dispose();
});

// E(x) = Σ 0.5·a·x² + b·x, so ∇E = a·x + b elementwise
const a = 1.5, b = -0.4;
const energy = (x: tf.Tensor) => tf.add(tf.mul(tf.square(x), 0.5 * a), tf.mul(x, b));

function sgldOracle(steps: number, lambda: number, noise: number, seed: number, clip = 0, clamp?: [number, number]) {
  const twin = new Rng(seed);
  let x = [...x0];
  for (let k = 0; k < steps; k++) {
    const z = twin.normalArray(x.length);
    x = x.map((v, j) => {
      let g = a * v + b;
      if (clip > 0) g = Math.min(clip, Math.max(-clip, g));
      let y = v - lambda * g + noise * z[j];
      if (clamp) y = Math.min(clamp[1], Math.max(clamp[0], y));
      return y;
    });
  }
  return x;
}

test('sgld matches x_k = x_{k−1} − λ∇E + σz', () => {
  const out = sgld(energy, tf.tensor(x0, shape), new Rng(3), { steps: 3, stepSize: 0.2, noise: 0.05 });
  close(out, sgldOracle(3, 0.2, 0.05, 3));
  out.dispose();
});

test('sgld clips ∇E to [−g, g] and clamps the chain to the box', () => {
  const out = sgld(energy, tf.tensor(x0, shape), new Rng(4), { steps: 2, stepSize: 0.5, noise: 0.3, gradClip: 0.8, clamp: [-1, 1.2] });
  const want = sgldOracle(2, 0.5, 0.3, 4, 0.8, [-1, 1.2]);
  close(out, want);
  // the case exercises both: unclipped or unclamped runs give other numbers
  assert.notDeepEqual(want, sgldOracle(2, 0.5, 0.3, 4, 0, [-1, 1.2]));
  assert.notDeepEqual(want, sgldOracle(2, 0.5, 0.3, 4, 0.8));
  out.dispose();
});

test('sgld with gradClip 0 does not clip', () => {
  const out = sgld(energy, tf.tensor(x0, shape), new Rng(5), { steps: 2, stepSize: 0.3, noise: 0.1, gradClip: 0 });
  close(out, sgldOracle(2, 0.3, 0.1, 5));
  out.dispose();
});

test('sgld with a negative gradClip does not clip (only g > 0 turns it on)', () => {
  const out = sgld(energy, tf.tensor(x0, shape), new Rng(6), { steps: 2, stepSize: 0.3, noise: 0.1, gradClip: -0.5 });
  close(out, sgldOracle(2, 0.3, 0.1, 6));
  out.dispose();
});
