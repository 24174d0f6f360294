// DP-SGD through the trainer: Poisson batches, ε reported each step equal to the accountant's, the stop
// at the ε budget, σ from a budget, the errors for non-dense layers, and bit-identical resume.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl } from '../../src/engine/tf.js';
import { trainRun } from '../../src/node/train-run.js';
import { Rng } from '../../src/random/rng.js';
import { poissonIndicesAt } from '../../src/privacy/poisson.js';
import { RdpAccountant, epsilonAfter, sigmaForEpsilon } from '../../src/privacy/rdp.js';
import { DpSgd } from '../../src/privacy/dp-sgd.js';
import { dpSection } from '../../src/privacy/dp-config.js';
import { normalTensorFast } from '../../src/privacy/gaussian.js';
import { trainableVariables } from '../../src/train/grads.js';
import { useBackend } from '../helpers/engine.js';
import { assertResumeBitIdentical } from '../helpers/resume.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('cpu'));

// the classifier's tiny preset (256 MNIST images, batch 16) as a dense-only MLP: q = 16/256
const MLP = ['model.filters='];
const Q = 16 / 256;

test('Poisson batches: sorted distinct indices, reproducible per (seed, step), size ~ Binomial(N, q)', () => {
  const n = 400;
  const q = 0.05;
  const sizes: number[] = [];
  const hits = new Float64Array(n);
  for (let s = 0; s < 4000; s++) {
    const idx = poissonIndicesAt(s, q, n, 3);
    for (let i = 0; i < idx.length; i++) {
      assert.ok(idx[i] >= 0 && idx[i] < n && (i === 0 || idx[i] > idx[i - 1]));
      hits[idx[i]]++;
    }
    sizes.push(idx.length);
  }
  assert.deepEqual(poissonIndicesAt(17, q, n, 3), poissonIndicesAt(17, q, n, 3));
  assert.notDeepEqual(poissonIndicesAt(17, q, n, 3), poissonIndicesAt(18, q, n, 3));
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / (sizes.length - 1);
  assert.ok(Math.abs(mean - n * q) < 5 * Math.sqrt((n * q * (1 - q)) / sizes.length), `mean batch ${mean}`);
  assert.ok(Math.abs(variance / (n * q * (1 - q)) - 1) < 0.1, `variance ${variance}`);
  // every example is drawn at rate q (first and last positions included)
  assert.ok(Math.abs(hits[0] / 4000 - q) < 0.02 && Math.abs(hits[n - 1] / 4000 - q) < 0.02);
});

test('DP classifier: ε in every step equals the accountant; training stops before the budget with a message', async () => {
  const eps: number[] = [];
  const sizes = new Set<number>();
  const run = await trainRun({
    modelId: 'classifier', preset: 'tiny', overrides: [...MLP, 'train.steps=40', 'train.dp.noiseMultiplier=1', 'train.dp.targetEpsilon=3'],
    out: tempDir(), backend: 'cpu', skipArtifacts: true,
    onEvent: (e) => {
      if (e.type !== 'step') return;
      eps.push(e.losses['privacy/epsilon']);
      sizes.add(e.losses['privacy/batchSize']);
    },
  });
  const acc = new RdpAccountant({ q: Q, sigma: 1, delta: 1e-5 });
  const last = acc.maxSteps(3);
  assert.equal(last, 22);
  assert.equal(run.result.step, last);
  assert.match(run.result.stopped ?? '', /Privacy budget reached: ε is 2\.997\d after 22 steps .* step 23 would make it 3\.03\d+ > train\.dp\.targetEpsilon 3/);
  eps.forEach((e, i) => assert.ok(Math.abs(e - acc.epsilonSoFar(i + 1)) < 1e-12, `step ${i + 1}`));
  assert.ok(sizes.size > 3, 'Poisson batches vary in size');
  run.session.dispose();
});

test('targetEpsilon without noiseMultiplier: σ is the smallest reaching the budget in train.steps', async () => {
  let final = NaN;
  const run = await trainRun({
    modelId: 'classifier', preset: 'tiny', overrides: [...MLP, 'train.steps=30', 'train.dp.targetEpsilon=4', 'train.dp.sampling=fixed'],
    out: tempDir(), backend: 'cpu', skipArtifacts: true,
    onEvent: (e) => { if (e.type === 'step') final = e.losses['privacy/epsilon']; },
  });
  assert.equal(run.result.step, 30);
  assert.equal(run.result.stopped, undefined);
  const sigma = sigmaForEpsilon({ q: Q, delta: 1e-5 }, 30, 4);
  assert.ok(Math.abs(final - epsilonAfter({ q: Q, sigma, delta: 1e-5 }, 30)) < 1e-12);
  assert.ok(final <= 4 && final > 3.999, `ε ${final}`);
  run.session.dispose();
});

test('gradClip together with dp is an error; so are dp with a recipe that has no DP path, a dp section with neither σ nor a budget, and an unknown key', async () => {
  await assert.rejects(
    trainRun({ modelId: 'classifier', preset: 'tiny', overrides: [...MLP, 'train.dp.noiseMultiplier=1', 'train.gradClip=1'], out: tempDir(), backend: 'cpu', skipArtifacts: true }),
    /train\.gradClip and train\.dp are both set/,
  );
  await assert.rejects(
    trainRun({ modelId: 'dcgan', preset: 'tiny', overrides: ['train.dp.noiseMultiplier=1'], out: tempDir(), backend: 'cpu', skipArtifacts: true }),
    /train\.dp is set, but the 'adversarial' recipe has no DP-SGD path \(recipes with one: likelihood\)/,
  );
  assert.throws(() => dpSection.parse({ maxGradNorm: 1 }), /noiseMultiplier, targetEpsilon or both/);
  assert.throws(() => dpSection.parse({ noiseMultiplier: 1, sigma: 2 }), /sigma/);
});

test('an empty Poisson batch is a noise-only update: σC/B times the seeded normals', () => {
  const input = tfl.input({ shape: [3] });
  const net = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 2 }).apply(input) as tfl.SymbolicTensor });
  const vars = trainableVariables([net]);
  const dp = new DpSgd([net], vars, dpSection.parse({ noiseMultiplier: 2, maxGradNorm: 0.5 }), { steps: 10, batchSize: 4 }, new Rng(1));
  const r = dp.step(() => { throw new Error('no loss for an empty batch'); }, 0, 0, 100);
  assert.equal(r.loss, null);
  assert.deepEqual(r.grads.map((g) => g.shape), [[3, 2], [2]]);
  // exactly σ·C/B = 0.25 times the seeded noise stream's normals
  const noise = new Rng(1).fork('dp-sgd-noise');
  r.grads.forEach((g) => {
    const want = tf.mul(normalTensorFast(noise, g.shape), 0.25);
    assert.ok(tf.max(tf.abs(tf.sub(g, want))).dataSync()[0] < 1e-7);
  });
  r.grads.forEach((g) => g.dispose());
});

test('a DP run interrupted and resumed equals an uninterrupted one (noise stream and Poisson batches resume)', async () => {
  await assertResumeBitIdentical('classifier', [...MLP, 'train.steps=12', 'train.dp.noiseMultiplier=1.1', 'train.checkpointEvery=0'], 5, 12);
});

test('the conv classifier (tiny preset: two 5×5 stride-2 convs) trains under DP and resumes bit-identically', async () => {
  await assertResumeBitIdentical('classifier', ['train.steps=8', 'train.dp.noiseMultiplier=1.1', 'train.dp.maxGradNorm=0.5', 'train.checkpointEvery=0'], 3, 8);
});
