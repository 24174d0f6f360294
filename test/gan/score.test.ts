// evaluateImageGenerator: FID and label accuracy of an image GAN in a classifier's features, on tiny
// runs (numbers are meaningless at this size; the plumbing and the invariants are not).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { trainRun } from '../../src/node/train-run.js';
import { evaluateImageGenerator, type FeatureClassifier } from '../../src/metrics/classifier-eval.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('wasm'));

test('evaluateImageGenerator on tiny cgan + classifier runs; FID of the test set against itself is ≈ 0', async () => {
  const clf = await trainRun({ modelId: 'classifier', preset: 'tiny', out: tempDir(), backend: 'wasm', skipArtifacts: true });
  const gan = await trainRun({ modelId: 'cgan', preset: 'tiny', overrides: ['train.steps=4'], out: tempDir(), backend: 'wasm', skipArtifacts: true });
  const classifier = clf.session.model as unknown as FeatureClassifier;
  const test = clf.session.data.test;
  tf.tidy(() => { classifier.features(tf.zeros([1, 28, 28, 1])); }); // the classifier builds its feature model lazily
  const n0 = tf.memory().numTensors;
  // a "generator" that replays the test images: FID ≈ 0 and label accuracy = classifier accuracy
  const replay = (n: number) => {
    const b = test.batch(Array.from({ length: n }, (_, i) => i % test.size));
    b.y?.dispose();
    return b.x;
  };
  const self = evaluateImageGenerator(replay, classifier, test, { n: test.size, batchSize: 16 });
  // not exactly 0: the matrix square root of a rank-deficient covariance (dead ReLU features) is inexact
  assert.ok(Math.abs(self.fid) < 0.05, `FID(test, test) = ${self.fid}`);
  const r = evaluateImageGenerator((n, rng, o) => gan.session.model.sample(n, rng, o), classifier, test, { n: 64, numClasses: 10, batchSize: 32 });
  assert.ok(r.fid > 10 * Math.abs(self.fid) && Number.isFinite(r.fid), `FID ${r.fid}`);
  assert.ok(r.labelAccuracy! >= 0 && r.labelAccuracy! <= 1 && r.perClass!.length === 10);
  assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
  clf.session.dispose();
  gan.session.dispose();
});
