// A conditional GAN's labels control its output: a small cGAN (label embedding in G, projection D)
// trained on the labelled ring of 8 Gaussians; samples asked for class k are classified by the
// data's Bayes classifier (nearest mode centre) and must mostly land on mode k.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { RING8 } from '../../src/data/toy2d.js';
import { useBackend } from '../helpers/engine.js';
import { buildGan, runSteps } from './helpers.js';

before(() => useBackend('wasm'));

function nearestMode(x: number, y: number): number {
  let best = 0;
  RING8.centres.forEach(([cx, cy], k) => {
    if ((x - cx) ** 2 + (y - cy) ** 2 < (x - RING8.centres[best][0]) ** 2 + (y - RING8.centres[best][1]) ** 2) best = k;
  });
  return best;
}

test('cGAN on ring-8: samples requested for class k are classified as k', (t) => {
  const b = buildGan('cgan', [], [
    'model.arch=mlp', 'model.gHidden=32,32', 'model.dHidden=32,32', 'model.latentDim=2', 'model.labelEmbedding=8',
    'model.gNorm=none', 'model.init=glorot', 'data.name=ring-8', 'data.trainSize=2048', 'train.batchSize=64', 'train.lr=2e-3', 'train.ema=0',
  ]);
  runSteps(b, 400);
  const n = 400;
  const labels = Array.from({ length: n }, (_, i) => i % 8);
  const x = b.recipe.withSamplingWeights(() => b.model.sample(n, new Rng(9), { labels }));
  const p = x.dataSync();
  x.dispose();
  let hits = 0;
  for (let i = 0; i < n; i++) if (nearestMode(p[2 * i], p[2 * i + 1]) === labels[i]) hits += 1;
  const accuracy = hits / n;
  t.diagnostic(`label accuracy ${accuracy.toFixed(3)} after 400 steps (chance 0.125)`);
  assert.ok(accuracy >= 0.9, `label accuracy ${accuracy} (chance 0.125)`);
  // the same latent with another label moves the sample to another mode
  const z = new Rng(3).normalTensor([8, 2]);
  const moved = tf.tidy(() => {
    const a = b.model.generate(z, tf.tensor1d([0, 0, 0, 0, 0, 0, 0, 0], 'int32'), false).dataSync();
    const c = b.model.generate(z, tf.tensor1d([4, 4, 4, 4, 4, 4, 4, 4], 'int32'), false).dataSync();
    return Array.from({ length: 8 }, (_, i) => nearestMode(a[2 * i], a[2 * i + 1]) !== nearestMode(c[2 * i], c[2 * i + 1])).filter(Boolean).length;
  });
  z.dispose();
  assert.ok(moved >= 7, `changing the label moved ${moved}/8 samples to another mode`);
  assert.throws(() => b.model.sample(2, new Rng(1), { labels: [0, 8] }), /Label 8 is out of range; this model has classes 0…7/);
  b.dispose();
});
