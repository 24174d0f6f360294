// Model-level tests of the diffusion, score and energy families: sampling options (DDIM steps, labels,
// guidance), inpainting/upscaling contracts, learning on 2-D data, EBM samplers and ring-8 mode coverage,
// and bit-identical CD resume.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { openSession } from '../../src/node/session.js';
import { trainRun } from '../../src/node/train-run.js';
import type { DiffusionModel } from '../../src/models/diffusion/diffusion.js';
import type { EnergyModel } from '../../src/models/ebm/ebm.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { rbfMmd2 } from './mmd.js';
import { modeCoverage } from '../../src/metrics/mode-coverage.js';
import { RING8 } from '../../src/data/toy2d.js';

describe('diffusion models (wasm)', () => {
  before(() => useBackend('wasm'));

  test('ddpm-cond: DDIM/DDPM steps, labels and guidance are honoured and reproducible', async () => {
    const s = await openSession({ modelId: 'ddpm-cond', preset: 'tiny' });
    const m = s.model as DiffusionModel;
    try {
      const start = tf.memory().numTensors;
      const a = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 4, labels: [1, 2, 3], guidance: 2 });
      const b = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 4, labels: [1, 2, 3], guidance: 2 });
      const c = m.sample(3, new Rng(1), { sampler: 'ddim', steps: 4, labels: [1, 2, 3], guidance: 1 });
      const d = m.sample(3, new Rng(1), { sampler: 'ddpm', steps: 5 });
      assert.deepEqual(a.shape, [3, 28, 28, 1]);
      assert.deepEqual(a.dataSync(), b.dataSync());
      assert.notDeepEqual(a.dataSync(), c.dataSync());
      const v = d.dataSync();
      assert.ok(v.every((x) => x >= 0 && x <= 1));
      tf.dispose([a, b, c, d]);
      assert.equal(tf.memory().numTensors, start);
      assert.throws(() => m.sample(2, new Rng(1), { labels: [1] }), /1 labels for 2 samples/);
      assert.throws(() => m.sample(2, new Rng(1), { sampler: 'euler' }), /Unknown sampler/);
    } finally {
      s.dispose();
    }
  });

  test('inpaint keeps the known pixels; upscale needs a lowres model and returns full-size images', async () => {
    const s = await openSession({ modelId: 'ddpm', preset: 'tiny' });
    const sr = await openSession({ modelId: 'ddpm-sr', preset: 'tiny' });
    try {
      const m = s.model as DiffusionModel;
      const batch = s.data.test.batch([0, 1]);
      const missing = tf.tidy(() => tf.pad(tf.ones([2, 14, 14, 1]), [[0, 0], [7, 7], [7, 7], [0, 0]]));
      const out = m.inpaint(batch.x, missing, new Rng(2), { steps: 3, resample: 2 });
      const diff = tf.tidy(() => tf.max(tf.abs(tf.mul(tf.sub(out, batch.x), tf.sub(1, missing)))).dataSync()[0]);
      assert.ok(diff < 1e-5, `known region changed by ${diff}`);
      const low = tf.tidy(() => tf.avgPool(batch.x as tf.Tensor4D, 2, 2, 'valid'));
      assert.throws(() => m.upscale(low, new Rng(1)), /super-resolution/);
      const up = (sr.model as DiffusionModel).upscale(low, new Rng(1), { steps: 3 });
      assert.deepEqual(up.shape, [2, 28, 28, 1]);
      tf.dispose([batch.x, batch.y, missing, out, low, up]);
    } finally {
      s.dispose();
      sr.dispose();
    }
  });

  test('ddpm-2d learns the ring of 8: MMD² to held-out points drops by ≥ 2× in 300 steps', async () => {
    const overrides = ['data.name=ring-8', 'data.trainSize=5000', 'data.testSize=400', 'model.hidden=64,64', 'model.embDim=16', 'model.timesteps=100', 'model.sampleSteps=100', 'train.steps=300', 'train.batchSize=128', 'train.lr=3e-3', 'train.ema=0'];
    const run = await trainRun({ modelId: 'ddpm-2d', preset: 'tiny', overrides, out: tempDir(), backend: 'wasm', skipArtifacts: true });
    const fresh = await openSession({ modelId: 'ddpm-2d', preset: 'tiny', overrides });
    try {
      const ref = run.session.data.test.batch(Array.from({ length: 400 }, (_, i) => i));
      const mmdOf = (m: typeof fresh.model) => {
        const x = m.sample(400, new Rng(3));
        const v = rbfMmd2(x.dataSync(), ref.x.dataSync(), 2, 0.5);
        x.dispose();
        return v;
      };
      const trained = mmdOf(run.session.model);
      const init = mmdOf(fresh.model);
      tf.dispose([ref.x, ref.y]);
      assert.ok(trained * 2 < init, `MMD² trained ${trained} vs untrained ${init}`);
    } finally {
      run.session.dispose();
      fresh.dispose();
    }
  });
});

describe('energy-based model (wasm)', () => {
  before(() => useBackend('wasm'));

  test("the 'toy' preset, shrunk, covers all 8 ring modes within 3σ in 250 steps", async () => {
    const overrides = ['model.hidden=32,32', 'model.fourierFeatures=32', 'model.trainSteps=20', 'train.batchSize=64', 'train.steps=250', 'train.lr=1e-3', 'data.trainSize=2000', 'data.testSize=200'];
    const run = await trainRun({ modelId: 'ebm', preset: 'toy', overrides, out: tempDir(), backend: 'wasm', skipArtifacts: true });
    try {
      const x = run.session.model.sample(800, new Rng(3));
      const mc = modeCoverage(x.dataSync(), RING8);
      x.dispose();
      assert.equal(mc.modesCovered, 8, `high-quality samples per mode ${mc.counts.join(', ')}`);
      assert.ok(mc.highQuality > 25, `only ${mc.highQuality.toFixed(1)} % of samples within 3σ of a mode`);
    } finally {
      run.session.dispose();
    }
  });
});

describe('energy-based model (cpu)', () => {
  before(() => useBackend('cpu'));

  test("sampler 'short-run' replays the training chain (trainSteps at noise σ); 'long-run' uses sampleSteps/sampleNoise", async () => {
    const overrides = ['model.sampler=short-run', 'model.trainSteps=4', 'model.noise=0.03', 'model.sampleSteps=9', 'model.sampleNoise=0.001'];
    const s = await openSession({ modelId: 'ebm', preset: 'tiny', overrides });
    const m = s.model as EnergyModel;
    try {
      const start = tf.memory().numTensors;
      const chain = (seed: number, steps: number, noise: number) => {
        const r = new Rng(seed);
        return m.langevin(m.initChains(16, r), steps, r, noise);
      };
      const pairs = [
        [m.sample(16, new Rng(3)), chain(3, 4, 0.03)],
        [m.sample(16, new Rng(3), { sampler: 'long-run' }), chain(3, 9, 0.001)],
        [m.sample(16, new Rng(3), { steps: 2 }), chain(3, 2, 0.03)],
      ];
      for (const [got, want] of pairs) assert.deepEqual(got.dataSync(), want.dataSync());
      assert.notDeepEqual(pairs[0][0].dataSync(), pairs[1][0].dataSync());
      tf.dispose(pairs.flat());
      assert.equal(tf.memory().numTensors, start);
      assert.throws(() => m.sample(2, new Rng(1), { sampler: 'ddim' }), /Unknown EBM sampler "ddim"; use long-run or short-run/);
    } finally {
      s.dispose();
    }
  });

  test('contrastive divergence resumes bit-identically (weights, optimizer, replay buffer, RNG)', async () => {
    const overrides = ['train.steps=12', 'train.ema=0.9'];
    const weights = (r: Awaited<ReturnType<typeof trainRun>>) => Object.values(r.session.model.networks).flatMap((n) => n.getWeights().map((w) => w.dataSync().slice()));
    const full = await trainRun({ modelId: 'ebm', preset: 'tiny', overrides, out: tempDir(), backend: 'cpu', skipArtifacts: true });
    const expected = weights(full);
    const expState = full.session.recipe.getState();
    full.session.dispose();
    const dir = tempDir();
    const ctl = new AbortController();
    await trainRun({ modelId: 'ebm', preset: 'tiny', overrides, out: dir, backend: 'cpu', skipArtifacts: true, signal: ctl.signal, onEvent: (e) => { if (e.type === 'step' && e.step === 5) ctl.abort(); } }).then((r) => r.session.dispose());
    const resumed = await trainRun({ checkpoint: dir, backend: 'cpu', skipArtifacts: true });
    assert.equal(resumed.result.step, 12);
    assert.deepEqual(weights(resumed), expected);
    const got = resumed.session.recipe.getState();
    assert.deepEqual(got.json, expState.json);
    got.tensors.forEach((t, i) => assert.deepEqual(t.tensor.dataSync(), expState.tensors[i].tensor.dataSync(), t.name));
    [...got.tensors, ...expState.tensors].forEach((t) => t.tensor.dispose());
    const img = (resumed.session.model as EnergyModel).energyLandscape(32, [-3, 3], 2);
    assert.equal(img.width, 64);
    assert.equal(img.height, 64);
    resumed.session.dispose();
  });
});
