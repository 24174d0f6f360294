// The adversarial recipe: every loss and cure is an option of one loop (finite, leak-free steps),
// n_critic scheduling, weight clipping, two learning rates, option validation, bit-identical resume.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { trainRun } from '../../src/node/train-run.js';
import { ImageDataset } from '../../src/data/image-dataset.js';
import { Rng } from '../../src/random/rng.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { buildGan, runSteps, sameWeights, weightsOf } from './helpers.js';

before(() => useBackend('wasm'));

const VARIANTS: [string, string, string[], string[]][] = [
  ['non-saturating', 'gan', [], []],
  ['minimax', 'gan', [], ['adversarial.loss=minimax']],
  ['least-squares', 'gan', ['lsgan'], []],
  ['hinge + spectral norm', 'gan', ['hinge-sn'], []],
  ['minibatch discrimination', 'gan', ['mbdisc'], []],
  ['minibatch stddev', 'gan', ['mbstd'], []],
  ['feature matching', 'gan', ['fm'], []],
  ['PacGAN-2', 'gan', ['pac2'], []],
  ['two time-scale LRs', 'gan', ['ttur'], []],
  ['generator EMA + label smoothing', 'gan', ['ema'], ['adversarial.labelSmoothing=0.1']],
  ['WGAN (clip)', 'wgan', [], []],
  ['WGAN-GP', 'wgan-gp', [], []],
];

test('every loss and cure trains with finite losses and leaks no tensors', () => {
  for (const [label, id, presets, overrides] of VARIANTS) {
    const n0 = tf.memory().numTensors;
    const b = buildGan(id, ['tiny', ...presets], overrides);
    const losses = runSteps(b, 3);
    for (const l of losses) for (const [k, v] of Object.entries(l)) assert.ok(Number.isFinite(v), `${label}: ${k} = ${v}`);
    assert.ok('lossD' in losses[0] && 'lossG' in losses[0], `${label}: step 0 updates both players`);
    b.recipe.withSamplingWeights(() => b.model.sample(8, new Rng(1))).dispose();
    b.dispose();
    assert.equal(tf.memory().numTensors, n0, `${label}: leaked tensors`);
  }
});

test('image path: DCGAN with packing, minibatch stddev/discrimination, and a WGAN-GP conv critic', () => {
  const pixels = Uint8Array.from(new Rng(4).uniformArray(16 * 8 * 8, 0, 256), Math.floor);
  const images = new ImageDataset({ name: 'noise', pixels, height: 8, width: 8, channels: 1 });
  const info = { kind: 'image' as const, shape: [8, 8, 1] };
  for (const overrides of [
    ['model.pac=2', 'model.minibatchStddev=2', 'model.minibatchDiscrimination=3'],
    ['adversarial.loss=wasserstein', 'adversarial.gpWeight=10', 'model.dNorm=none', 'model.spectralNorm=true'],
  ]) {
    const n0 = tf.memory().numTensors;
    const b = buildGan('dcgan', ['tiny'], overrides, { train: images, info });
    const [l] = runSteps(b, 1);
    for (const [k, v] of Object.entries(l)) assert.ok(Number.isFinite(v), `${overrides.join(' ')}: ${k} = ${v}`);
    const x = b.model.sample(4, new Rng(2));
    assert.deepEqual(x.shape, [4, 8, 8, 1]);
    const v = x.dataSync();
    assert.ok(v.every((p) => p >= 0 && p <= 1), 'images in [0, 1]');
    x.dispose();
    b.dispose();
    assert.equal(tf.memory().numTensors, n0);
  }
});

test('n_critic: the generator moves only on steps ≡ 0 mod n_critic; clipping bounds the critic', () => {
  const b = buildGan('wgan', ['tiny']);
  const g0 = weightsOf(b.model.networks.generator);
  const l0 = runSteps(b, 1, 0)[0];
  assert.ok('lossG' in l0);
  const g1 = weightsOf(b.model.networks.generator);
  assert.ok(!sameWeights(g0, g1), 'G updated at step 0');
  const between = runSteps(b, 4, 1);
  between.forEach((l) => assert.ok(!('lossG' in l), 'no G loss on critic-only steps'));
  assert.ok(sameWeights(g1, weightsOf(b.model.networks.generator)), 'G frozen during steps 1–4');
  runSteps(b, 1, 5);
  assert.ok(!sameWeights(g1, weightsOf(b.model.networks.generator)), 'G updated at step 5');
  for (const w of weightsOf(b.model.networks.discriminator)) assert.ok(w.every((v) => Math.abs(v) <= Math.fround(0.01)), 'critic weights within ±0.01');
  b.dispose();
});

test('two time-scale LRs: each player moves at its own rate', () => {
  const maxChange = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - b[i][j])))));
  const b = buildGan('gan', ['tiny'], ['adversarial.lrG=1e-20', 'adversarial.lrD=1e-2']);
  const g0 = weightsOf(b.model.networks.generator);
  const d0 = weightsOf(b.model.networks.discriminator);
  runSteps(b, 2);
  // Adam moves each weight by about lr per step
  assert.ok(maxChange(g0, weightsOf(b.model.networks.generator)) < 1e-18, 'G moves at lrG');
  const dChange = maxChange(d0, weightsOf(b.model.networks.discriminator));
  assert.ok(dChange > 5e-3 && dChange < 3e-2, `D moves at lrD (max change ${dChange})`);
  b.dispose();
});

test('bad options name the key; models reject what they cannot do', () => {
  assert.throws(() => buildGan('gan', ['tiny'], ['adversarial.nCritics=5']), /Unknown config key 'adversarial.nCritics'.*nCritic/);
  assert.throws(() => buildGan('gan', ['tiny'], ['adversarial.loss=wgan']), /must be one of non-saturating, minimax, hinge, least-squares, wasserstein/);
  const b = buildGan('gan', ['tiny'], ['model.pac=3']);
  assert.throws(() => runSteps(b, 1), /Batch size 16 is not divisible by the packing degree model.pac=3/);
  b.dispose();
  assert.throws(() => buildGan('cgan', ['tiny'], ['model.arch=mlp', 'data.name=swiss-roll']), /conditional GAN needs a labelled dataset/);
});

test('WGAN-GP interrupted mid n_critic cycle and resumed = uninterrupted, bit-identical on cpu', async () => {
  await useBackend('cpu');
  try {
    const overrides = ['train.steps=12', 'train.ema=0.9', 'train.lrSchedule=cosine', 'adversarial.lrD=3e-4', 'train.checkpointEvery=0'];
    const full = await trainRun({ modelId: 'wgan-gp', preset: 'tiny', overrides, out: tempDir(), backend: 'cpu', skipArtifacts: true });
    const expected = Object.values(full.session.model.networks).flatMap(weightsOf);
    const expectedState = full.session.recipe.getState();
    full.session.dispose();
    const dir = tempDir();
    const controller = new AbortController();
    const first = await trainRun({
      modelId: 'wgan-gp', preset: 'tiny', overrides, out: dir, backend: 'cpu', skipArtifacts: true, signal: controller.signal,
      onEvent: (e) => { if (e.type === 'step' && e.step === 7) controller.abort(); },
    });
    assert.equal(first.result.step, 7);
    first.session.dispose();
    const resumed = await trainRun({ checkpoint: dir, backend: 'cpu', skipArtifacts: true });
    assert.equal(resumed.result.step, 12);
    assert.ok(sameWeights(Object.values(resumed.session.model.networks).flatMap(weightsOf), expected), 'weights differ after resume');
    const gotState = resumed.session.recipe.getState();
    assert.deepEqual(gotState.json, expectedState.json, 'recipe RNG state');
    assert.deepEqual(gotState.tensors.map((t) => t.name), expectedState.tensors.map((t) => t.name));
    gotState.tensors.forEach((t, i) => assert.deepEqual(t.tensor.dataSync(), expectedState.tensors[i].tensor.dataSync(), `state ${t.name}`));
    assert.ok(gotState.tensors.some((t) => t.name.startsWith('optG/')) && gotState.tensors.some((t) => t.name.startsWith('ema/')));
    [...gotState.tensors, ...expectedState.tensors].forEach((t) => t.tensor.dispose());
    resumed.session.dispose();
  } finally {
    await useBackend('wasm');
  }
});
