// VAE maths: closed-form terms against hand-computed values, the IWAE bound's ordering, and latent walks.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { bernoulliLogLik, gaussianKl, gaussianLogLik } from '../../src/models/vae/likelihoods.js';
import { interpolateLatents, slerpVectors } from '../../src/samplers/latent-walk.js';
import { trainRun } from '../../src/node/train-run.js';
import type { Vae } from '../../src/models/vae/vae.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

before(() => useBackend('wasm'));

test('Bernoulli log-likelihood = Σ x·l − softplus(l)', () => {
  const v = tf.tidy(() => bernoulliLogLik(tf.tensor2d([[1, 0]]), tf.tensor2d([[2, -1]])).dataSync()[0]);
  close(v, 2 - Math.log1p(Math.exp(2)) - Math.log1p(Math.exp(-1)));
});

test('Gaussian KL to N(0, I) matches the closed form', () => {
  const v = tf.tidy(() => gaussianKl(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, Math.log(2)]])).dataSync()[0]);
  close(v, -0.5 * (1 + 0 - 1 - 1 + (1 + Math.log(2) - 0 - 2)));
});

test('Gaussian log-likelihood with fixed std', () => {
  const v = tf.tidy(() => gaussianLogLik(tf.tensor2d([[0.5, 1]]), tf.tensor2d([[0, 1]]), 0.5).dataSync()[0]);
  close(v, -0.5 * 1 - 2 * (Math.log(0.5) + 0.5 * Math.log(2 * Math.PI)));
});

test('slerp keeps endpoints and norms; interpolation grid has P·steps rows', () => {
  const a = new Float32Array([1, 0]), b = new Float32Array([0, 1]);
  assert.deepEqual(Array.from(slerpVectors(a, b, 0)), [1, 0]);
  const mid = slerpVectors(a, b, 0.5);
  close(Math.hypot(mid[0], mid[1]), 1);
  const g = tf.tidy(() => interpolateLatents(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 2]]), 5));
  assert.deepEqual(g.shape, [5, 2]);
  assert.deepEqual(Array.from(g.dataSync()), [0, 0, 0.25, 0.5, 0.5, 1, 0.75, 1.5, 1, 2]);
  g.dispose();
});

test('a trained tiny VAE: IWAE bound with k = 64 is tighter than the ELBO, and training lowers the loss', async () => {
  const run = await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=150', 'train.lr=3e-3'], out: tempDir(), backend: 'wasm', skipArtifacts: true });
  const model = run.session.model as Vae;
  const batch = run.session.data.test.batch(Array.from({ length: 32 }, (_, i) => i));
  const x = tf.tidy(() => tf.cast(tf.greater(batch.x, 0.5), 'float32'));
  const rng = new Rng(5);
  const elbo = tf.tidy(() => -model.loss({ x }, rng).loss.dataSync()[0]);
  const iwae = tf.tidy(() => tf.mean(model.logLikelihood(x, 64, rng)).dataSync()[0]);
  assert.ok(iwae > elbo, `IWAE ${iwae} should exceed ELBO ${elbo}`);
  assert.ok(run.result.lastEval!['eval/loss'] < 300, `eval loss ${run.result.lastEval!['eval/loss']} after 150 steps`);
  [batch.x, batch.y, x].forEach((t) => t?.dispose());
  run.session.dispose();
});
