// β-VAE capacity annealing (Burgess et al. 2018), the conditional VAE (Sohn et al. 2015), ProdLDA's
// prior and KL (Srivastava & Sutton 2017), and the variant evaluations on tiny trained runs.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { Vae, capacityAt, type VaeModelConfig } from '../../src/models/vae/vae.js';
import { ProdLda, gaussianKlToPrior, logisticNormalPrior, topWordIds } from '../../src/models/topic/prodlda.js';
import { trainRun } from '../../src/node/train-run.js';
import { evaluateAnomaly, evaluateLabelAccuracy, evaluateMig, renderTraversal, topicReport } from '../../src/node/session-evals.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

const close = (a: number, b: number, tol = 1e-4) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const base: VaeModelConfig = { arch: 'mlp', hidden: [8], latentDim: 3, decoder: 'bernoulli', decoderStd: 0.1, beta: 1, capacity: 0, capacitySteps: 0, gamma: 1000 };
const data = { kind: 'vector' as const, shape: [6], numClasses: 4 };

before(() => useBackend('wasm'));

test('capacity C(step) grows linearly to its maximum, and the loss is recon + γ·|KL − C|', () => {
  const cfg = { capacity: 20, capacitySteps: 100 };
  assert.deepEqual([0, 50, 100, 500].map((s) => capacityAt(cfg, s)), [0, 10, 20, 20]);
  assert.equal(capacityAt(cfg), 20);
  const vae = new Vae({ ...base, capacity: 20, capacitySteps: 100, gamma: 7 }, data);
  const x = tf.tensor2d([[1, 0, 1, 0, 1, 1], [0, 0, 1, 1, 0, 1]]);
  const r = vae.loss({ x }, new Rng(1), 'train', 25);
  const [loss, recon, kl, c] = [r.loss, r.parts.recon, r.parts.kl, r.parts.capacity].map((t) => t.dataSync()[0]);
  close(c, 5);
  close(loss, recon + 7 * Math.abs(kl - 5));
  [r.loss, ...Object.values(r.parts), x].forEach((t) => t.dispose());
  vae.dispose();
});

test('CVAE: labels feed encoder and decoder; sample draws the requested classes; missing labels teach', () => {
  const start = tf.memory().numTensors;
  const vae = new Vae(base, data, { conditional: true });
  assert.equal(vae.numClasses, 4);
  assert.deepEqual(vae.networks.encoder.inputs.map((i) => i.shape), [[null, 6], [null, 4]]);
  assert.deepEqual(vae.networks.decoder.inputs.map((i) => i.shape), [[null, 3], [null, 4]]);
  const x = tf.tensor2d([[1, 0, 1, 0, 1, 1]]);
  assert.throws(() => vae.loss({ x }, new Rng(1)), /conditional: pass class labels/);
  assert.throws(() => vae.sample(2, new Rng(1), { labels: [0, 9] }), /not a class index/);
  // same z, different labels → different decodings (the decoder reads the label)
  const a = vae.sample(2, new Rng(3), { labels: [0, 0] });
  const b = vae.sample(2, new Rng(3), { labels: [1, 1] });
  assert.notDeepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  const y = tf.tensor1d([2], 'int32');
  const ll = vae.logLikelihood(x, 4, new Rng(2), y);
  assert.ok(Number.isFinite(ll.dataSync()[0]));
  [a, b, x, y, ll].forEach((t) => t.dispose());
  vae.dispose();
  assert.equal(tf.memory().numTensors, start);
  assert.throws(() => new Vae(base, { kind: 'vector', shape: [6] }, { conditional: true }), /labelled dataset/);
});

test('ProdLDA: Laplace prior of Dirichlet(1) and the KL to it in closed form; top words by weight', () => {
  const p = logisticNormalPrior(1, 4);
  close(p.variance, (1 - 2 / 4) + 1 / 4);
  const kl = tf.tidy(() => gaussianKlToPrior(tf.tensor2d([[0.5, 0]]), tf.tensor2d([[0, Math.log(2)]]), 0, 0.75).dataSync()[0]);
  const term = (m: number, v: number) => v / 0.75 + (m * m) / 0.75 - 1 + Math.log(0.75) - Math.log(v);
  close(kl, 0.5 * (term(0.5, 1) + term(0, 2)));
  assert.deepEqual(topWordIds(Float32Array.from([0.1, 0.9, 0.5, 3, 2, 1]), 2, 2), [[1, 2], [0, 1]]);
});

test('tiny runs: anomaly AUROC/AUPRC, MIG and traversal of a β-VAE, topics with NPMI', async () => {
  const v = await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=30', 'data.trainClasses=1'], out: tempDir(), backend: 'wasm', skipArtifacts: true });
  try {
    const r = evaluateAnomaly(v.session, { k: 2 });
    assert.deepEqual(r.normalClasses, [1]);
    assert.equal(r.n, 64);
    assert.ok(r.auroc > 0.5 && r.auroc <= 1, `AUROC ${r.auroc}`); // 1s are the easiest class: even 30 steps rank them first
    assert.ok(r.auprc > 0 && r.auprc <= 1);
  } finally {
    v.session.dispose();
  }
  const b = await trainRun({ modelId: 'beta-vae', preset: 'tiny', out: tempDir(), backend: 'wasm', skipArtifacts: true });
  try {
    const m = evaluateMig(b.session, { n: 300 });
    assert.ok(m.mig >= 0 && m.mig <= 1);
    assert.equal(m.perFactor.length, 5);
    const img = renderTraversal(b.session, { steps: 5 });
    // one row per latent dimension (4 at the tiny preset), `steps` columns
    assert.ok(Math.abs(img.height / img.width - 4 / 5) < 0.05, `${img.width}×${img.height}`);
  } finally {
    b.session.dispose();
  }
  const p = await trainRun({ modelId: 'prodlda', preset: 'tiny', out: tempDir(), backend: 'wasm', skipArtifacts: true });
  try {
    const t = topicReport(p.session, { top: 5 });
    assert.equal(t.topics.length, 4);
    assert.ok(t.topics.every((x) => x.words.length === 5 && Number.isFinite(x.npmi)));
    assert.ok(t.randomNpmi < 0 && t.randomNpmi >= -1);
  } finally {
    p.session.dispose();
  }
});

test('label accuracy counts a classifier\'s agreement with the requested labels', async () => {
  const run = await trainRun({ modelId: 'cvae', preset: 'tiny', out: tempDir(), backend: 'wasm', skipArtifacts: true });
  try {
    // a classifier that always answers "0": exactly the class-0 samples are right
    const always0 = { id: 'always-0', probabilities: (x: tf.Tensor) => tf.tidy(() => tf.oneHot(tf.zeros([x.shape[0]], 'int32'), 10)) };
    const r = evaluateLabelAccuracy(run.session, always0, { perClass: 7 });
    assert.deepEqual(r.perClass, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    close(r.accuracy, 0.1);
  } finally {
    run.session.dispose();
  }
});

test('ProdLDA KL warm-up: weight 0 at step 0, full KL after warm-up and in evaluation', () => {
  const m = new ProdLda({ topics: 3, hidden: [8], alpha: 1, klWarmup: 10, thetaScale: 5 }, { kind: 'vector', shape: [12] });
  const x = tf.tensor2d([[1, 0, 2, 0, 0, 3, 0, 1, 0, 0, 1, 0]]);
  const parts = (step?: number) => {
    const r = m.loss({ x }, new Rng(4), 'train', step);
    const v = [r.loss, r.parts.recon, r.parts.kl].map((t) => t.dataSync()[0]);
    [r.loss, r.parts.recon, r.parts.kl].forEach((t) => t.dispose());
    return v;
  };
  const [l0, r0] = parts(0);
  close(l0, r0);
  const [l5, r5, k5] = parts(5);
  close(l5, r5 + 0.5 * k5);
  const [le, re, ke] = parts();
  close(le, re + ke);
  const p = m.sample(2, new Rng(1)); // word distributions sum to 1
  const sums = tf.sum(p, 1);
  Array.from(sums.dataSync()).forEach((v) => close(v, 1));
  [x, p, sums].forEach((t) => t.dispose());
  m.dispose();
});
