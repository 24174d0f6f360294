// Behavioural tests of the diffusion/score/energy building blocks: timestep embedding, group norm,
// classifier-free guidance, RePaint with an oracle denoiser, annealed Langevin and SGLD on known densities.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { timestepEmbedding } from '../../src/nn/timestep-embedding.js';
import { GroupNorm } from '../../src/nn/group-norm.js';
import { FourierFeatures } from '../../src/nn/fourier-features.js';
import { guidedDenoise } from '../../src/samplers/guidance.js';
import { inpaint } from '../../src/samplers/inpaint.js';
import { annealedLangevin, sgld } from '../../src/samplers/langevin.js';
import { makeScheduler, sampleDiffusion } from '../../src/samplers/diffusion.js';
import { geometricSigmas } from '../../src/models/score/score-model.js';
import { useBackend } from '../helpers/engine.js';
import { rbfMmd2 } from './mmd.js';

function stats(x: tf.Tensor): { mean: number; std: number } {
  const v = Array.from(x.dataSync() as Float32Array);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std };
}

describe('diffusion building blocks (wasm)', () => {
  before(() => useBackend('wasm'));

  test('timestep embedding: [sin(t·ω_j), cos(t·ω_j)] with ω_0 = 1', () => {
    const e = timestepEmbedding([0, 3], 8);
    const v = e.dataSync();
    assert.deepEqual(e.shape, [2, 8]);
    assert.equal(v[0], 0);
    assert.equal(v[4], 1);
    assert.ok(Math.abs(v[8] - Math.sin(3)) < 1e-6 && Math.abs(v[12] - Math.cos(3)) < 1e-6);
    assert.ok(Math.abs(v[9] - Math.sin(3 * Math.exp(-Math.log(10000) / 4))) < 1e-6);
    e.dispose();
    assert.throws(() => timestepEmbedding([1], 7), /even/);
  });

  test('group norm normalises each (example, group) to mean 0, variance 1', () => {
    const layer = new GroupNorm({ groups: 2 });
    const x = tf.add(tf.mul(new Rng(1).normalTensor([2, 3, 3, 4]), 5), 7);
    const y = layer.apply(x) as tf.Tensor;
    const g = tf.reshape(y, [2, 9, 2, 2]);
    const { mean, variance } = tf.moments(g, [1, 3]);
    for (const m of mean.dataSync()) assert.ok(Math.abs(m) < 1e-4);
    for (const s of variance.dataSync()) assert.ok(Math.abs(s - 1) < 1e-3);
    tf.dispose([x, y, g, mean, variance]);
  });

  test('Fourier features: [B, 2m] with sin² + cos² = 1 and seeded frequencies', () => {
    const inp = tfl.input({ shape: [2] });
    const layer = new FourierFeatures({ features: 3 });
    const model = tfl.model({ inputs: inp, outputs: layer.apply(inp) as tfl.SymbolicTensor });
    layer.initFrequencies(new Rng(1), 2);
    const y = model.predict(tf.tensor2d([[0.3, -1], [2, 0.5]])) as tf.Tensor;
    assert.deepEqual(y.shape, [2, 6]);
    const v = y.dataSync();
    for (let b = 0; b < 2; b++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(v[b * 6 + j] ** 2 + v[b * 6 + 3 + j] ** 2 - 1) < 1e-5);
    assert.equal(model.trainableWeights.length, 0);
    tf.dispose(y);
    model.dispose();
  });

  test('classifier-free guidance = ε_u + s·(ε_c − ε_u), one batched call', () => {
    let calls = 0;
    const net = (x: tf.Tensor, _t: number, labels: number[]) => {
      calls++;
      return tf.mul(x, tf.reshape(tf.tensor1d(labels.map((l) => l + 1)), [labels.length, 1])); // ε(x, y) = (y+1)·x
    };
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const out = guidedDenoise(net, x, 5, [2, 0], 9, 3); // ε_c = 3x, x; ε_u = 10x → 10x + 3(ε_c − 10x)
    assert.equal(calls, 1);
    assert.deepEqual(Array.from(out.dataSync()), [1 * (10 - 21), 2 * (10 - 21), 3 * (10 - 27), 4 * (10 - 27)]);
    tf.dispose([x, out]);
  });

  test('guidance rescale φ: the guided prediction scaled to the conditional one\'s per-example std, mixed by φ', () => {
    const net = (x: tf.Tensor, _t: number, labels: number[]) =>
      tf.add(tf.mul(x, tf.reshape(tf.tensor1d(labels.map((l) => l + 1)), [labels.length, 1])), 0.5); // ε(x, y) = (y+1)·x + ½
    const x = tf.tensor2d([[1, 2, 4], [3, -1, 0]]);
    const stdOf = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length); };
    const plain = Array.from(guidedDenoise(net, x, 5, [2, 0], 9, 3).dataSync());
    const out = Array.from(guidedDenoise(net, x, 5, [2, 0], 9, 3, 0.7).dataSync());
    const rows = [[1, 2, 4], [3, -1, 0]];
    [3, 1].forEach((k, b) => {
      const cond = rows[b].map((v) => k * v + 0.5), g = plain.slice(3 * b, 3 * b + 3);
      const r = stdOf(cond) / stdOf(g);
      g.forEach((v, j) => assert.ok(Math.abs(out[3 * b + j] - (0.7 * v * r + 0.3 * v)) < 1e-4, `${b},${j}`));
    });
    assert.deepEqual(Array.from(guidedDenoise(net, x, 5, [2, 0], 9, 3, 0).dataSync()), plain);
    assert.throws(() => guidedDenoise(net, x, 5, [2, 0], 9, 3, 1.5), /rescale must lie in \[0, 1\]/);
    tf.dispose(x);
  });

  test('RePaint with an oracle denoiser keeps the known region and restores the unknown one', () => {
    const rng = new Rng(3);
    const x0 = rng.uniformTensor([2, 4, 4, 1], -1, 1);
    const known = tf.tidy(() => tf.cast(tf.greater(new Rng(4).uniformTensor([2, 4, 4, 1]), 0.5), 'float32'));
    const sched = makeScheduler('ddim', { numTrainTimesteps: 100, schedule: 'linear', prediction: 'epsilon', clipRange: 1 }, 20);
    const oracle = (x: tf.Tensor, t: number) => tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(sched.alphasCumprod[t]))), Math.sqrt(1 - sched.alphasCumprod[t]));
    const before = tf.memory().numTensors;
    const out = inpaint(sched, oracle, x0, known, rng, { resample: 2 });
    assert.equal(tf.memory().numTensors, before + 1);
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(out, x0))).dataSync()[0]);
    assert.ok(err < 1e-3, `max |x̂ − x0| = ${err}`);
    tf.dispose([x0, known, out]);
  });

  test('DDPM and DDIM with the exact ε of a Gaussian N(μ, s²) recover its mean and spread', () => {
    const mu = 1.5, s = 0.5;
    for (const [sampler, steps] of [['ddpm', 100], ['ddim', 25]] as const) {
      const sched = makeScheduler(sampler, { numTrainTimesteps: 100, schedule: 'cosine', prediction: 'epsilon', clipRange: 0 }, steps);
      // x_t ~ N(√ᾱ μ, ᾱ s² + 1 − ᾱ): ε*(x_t) = √(1−ᾱ)·(x_t − √ᾱ μ)/(ᾱ s² + 1 − ᾱ)
      const eps = (x: tf.Tensor, t: number) => {
        const a = sched.alphasCumprod[t];
        return tf.mul(tf.sub(x, Math.sqrt(a) * mu), Math.sqrt(1 - a) / (a * s * s + 1 - a));
      };
      const x = sampleDiffusion(sched, eps, [4000, 1], new Rng(5));
      const st = stats(x);
      x.dispose();
      assert.ok(Math.abs(st.mean - mu) < 0.05 && Math.abs(st.std - s) < 0.05, `${sampler}: mean ${st.mean}, std ${st.std}`);
    }
  });

  test('annealed Langevin with the exact noisy score of N(μ, s²) recovers it', () => {
    const mu = -1, s = 0.3;
    const sigmas = geometricSigmas(3, 0.01, 10);
    const score = (x: tf.Tensor, i: number) => tf.div(tf.sub(mu, x), s * s + sigmas[i] ** 2); // ∇ log N(μ, s² + σ_i²)
    const x = annealedLangevin(score, sigmas, tf.mul(new Rng(6).normalTensor([3000, 1]), 3), new Rng(7), { stepSize: 2e-5, stepsPerLevel: 60, denoise: false });
    const st = stats(x);
    x.dispose();
    assert.ok(Math.abs(st.mean - mu) < 0.05 && Math.abs(st.std - s) < 0.05, `mean ${st.mean}, std ${st.std}`);
  });

  test('SGLD on E(x) = ½‖x − c‖² (λ = ε, σ = √(2ε)) samples N(c, I)', () => {
    const c = tf.tensor1d([2, -1]);
    const x = sgld((y) => tf.mul(tf.sum(tf.square(tf.sub(y, c)), 1), 0.5), tf.zeros([2000, 2]), new Rng(8), { steps: 400, stepSize: 0.05, noise: Math.sqrt(0.1) });
    const ref = tf.tidy(() => tf.add(new Rng(9).normalTensor([500, 2]), c));
    const pts = tf.slice(x, [0, 0], [500, 2]);
    const mmd = rbfMmd2(pts.dataSync(), ref.dataSync(), 2, 1);
    const shifted = tf.tidy(() => tf.add(ref, 1));
    const mmdShifted = rbfMmd2(pts.dataSync(), shifted.dataSync(), 2, 1);
    assert.ok(mmd < 0.01 && mmdShifted > 5 * mmd, `MMD² ${mmd} vs shifted ${mmdShifted}`);
    tf.dispose([c, x, ref, pts, shifted]);
  });
});
