// evaluateImageGenerator's bookkeeping on a case whose every number is known: a 3-pixel "classifier"
// (features = the pixels, class = the brightest pixel), a real set whose accuracy is 3/5 in batches
// that do not divide it, and a conditional "generator" that gets class 2 wrong — label accuracy 5/7,
// per class [1, 1, 0] — and the FID of exactly the rows that were meant to be compared.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { ImageDataset } from '../../src/data/image-dataset.js';
import { evaluateImageGenerator, type FeatureClassifier, type ImageSampler } from '../../src/metrics/classifier-eval.js';
import { fid } from '../../src/metrics/fid.js';
import { Rng } from '../../src/random/rng.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('cpu'));

const clf: FeatureClassifier = {
  features: (x) => tf.reshape(x, [x.shape[0], 3]),
  probabilities: (x) => tf.tidy(() => tf.softmax(tf.mul(tf.reshape(x, [x.shape[0], 3]), 50))),
};

// 7 real images; the first 5 are compared (nReal = 5); label vs brightest pixel: ✓ ✗ ✓ ✗ ✓ | ✗ ✗
const realPixels = [
  [250, 10, 20], [200, 30, 40], [5, 10, 220], [90, 10, 30], [12, 240, 30],
  [0, 0, 255], [255, 0, 0],
];
const realLabels = [0, 1, 2, 2, 1, 0, 1];
const test7 = new ImageDataset({ name: 'three-pixel', pixels: Uint8Array.from(realPixels.flat()), height: 1, width: 3, channels: 1, labels: Uint8Array.from(realLabels), numClasses: 3 });

// brightest pixel = the label asked for, except label 2 → pixel 0; jitter from the rng keeps covariances full rank
function image(label: number, rng: Rng): number[] {
  const v = [0.1, 0.1, 0.1].map((b) => b + 0.2 * rng.uniform());
  v[label === 2 ? 0 : label] = 0.9;
  return v;
}
const sampler: ImageSampler = (n, rng, o) => {
  assert.ok(o?.labels && o.labels.length === n);
  return tf.tensor4d(o.labels.flatMap((l) => image(l, rng)), [n, 1, 3, 1]);
};

test('accuracies, per-class scores and FID count exactly the requested rows, in batches that do not divide them', () => {
  const before = tf.memory().numTensors;
  const r = evaluateImageGenerator(sampler, clf, test7, { n: 7, nReal: 5, numClasses: 3, batchSize: 3, seed: 4 });
  assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
  assert.equal(r.n, 7);
  assert.equal(r.nReal, 5);
  assert.equal(r.classifierTestAccuracy, 3 / 5);
  assert.equal(r.labelAccuracy, 5 / 7);
  assert.deepEqual(r.perClass, [1, 1, 0]);
  // the same rows, assembled by hand: labels 0,1,2,0,1,2,0 drawn in batch order from the seed's stream
  const rng = new Rng(4);
  const gen = Float32Array.from([0, 1, 2, 0, 1, 2, 0].flatMap((l) => image(l, rng)));
  const real = Float32Array.from(realPixels.slice(0, 5).flat().map((p) => p / 255));
  const want = fid({ real: { data: real, n: 5, d: 3, extractor: 'classifier' }, generated: { data: gen, n: 7, d: 3, extractor: 'classifier' } });
  assert.ok(Math.abs(r.fid - want) <= 1e-9 * Math.max(1, want), `FID ${r.fid} vs ${want}`);
});

test('nReal beyond the test set is clamped; an unconditional run reports no label accuracy', () => {
  const plain: ImageSampler = (n, rng) => tf.tensor4d(Array.from({ length: n }, () => image(rng.int(2), rng)).flat(), [n, 1, 3, 1]);
  const r = evaluateImageGenerator(plain, clf, test7, { n: 4, nReal: 100, batchSize: 2 });
  assert.equal(r.nReal, 7);
  assert.equal(r.classifierTestAccuracy, 3 / 7);
  assert.equal(r.labelAccuracy, undefined);
  assert.equal(r.perClass, undefined);
  assert.ok(Number.isFinite(r.fid) && r.fid > 0);
});
