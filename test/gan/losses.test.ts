// GAN losses: torchgan's golden discriminator values, the other objectives against closed forms
// computed in float64 here, and feature matching — on cpu and wasm.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { discriminatorLoss, featureMatchingLoss, generatorLoss, GAN_LOSSES } from '../../src/models/gan/losses.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';

// torchgan test/test_losses.py: D(x) and D(G(z)) logits
const REAL = [1.3, 2.9, 8.4, 6.3];
const FAKE = [4.8, 1.2, -3.5, 5.9];

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

function dLoss(kind: (typeof GAN_LOSSES)[number], smoothing = 0): number {
  const n0 = tf.memory().numTensors;
  const s = tf.tidy(() => discriminatorLoss(kind, tf.tensor1d(REAL), tf.tensor1d(FAKE), { labelSmoothing: smoothing }));
  const v = s.dataSync()[0];
  s.dispose();
  assert.equal(tf.memory().numTensors, n0, 'discriminatorLoss leaked tensors');
  return v;
}

function gLoss(kind: (typeof GAN_LOSSES)[number]): number {
  return tf.tidy(() => generatorLoss(kind, tf.tensor1d(FAKE)).dataSync()[0]);
}

for (const backend of TEST_BACKENDS) {
  describe(`GAN losses (${backend})`, () => {
    before(() => useBackend(backend));

    test('torchgan golden values: Wasserstein D loss −2.625, minimax D loss 3.1251488', () => {
      close(dLoss('wasserstein'), -2.625);
      close(dLoss('minimax'), 3.1251488, 1e-6);
      close(dLoss('non-saturating'), 3.1251488, 1e-6);
    });

    test('hinge and least-squares D losses match their closed forms', () => {
      close(dLoss('hinge'), mean(REAL.map((r) => Math.max(0, 1 - r))) + mean(FAKE.map((f) => Math.max(0, 1 + f))));
      close(dLoss('least-squares'), 0.5 * (mean(REAL.map((r) => (r - 1) ** 2)) + mean(FAKE.map((f) => f ** 2))));
    });

    test('one-sided label smoothing changes only the real term', () => {
      const s = 0.1;
      const expected = mean(REAL.map((r) => softplus(r) - (1 - s) * r)) + mean(FAKE.map(softplus));
      close(dLoss('non-saturating', s), expected);
    });

    test('generator losses: minimax saturates, non-saturating does not', () => {
      close(gLoss('minimax'), -mean(FAKE.map(softplus)));
      close(gLoss('non-saturating'), mean(FAKE.map((f) => softplus(-f))));
      close(gLoss('least-squares'), 0.5 * mean(FAKE.map((f) => (f - 1) ** 2)));
      close(gLoss('wasserstein'), -mean(FAKE));
      close(gLoss('hinge'), -mean(FAKE));
      // d/dl of the two generator objectives at a confidently rejected fake (l = −8)
      const grad = (kind: 'minimax' | 'non-saturating') => tf.tidy(() => tf.grad((l: tf.Tensor) => generatorLoss(kind, l))(tf.tensor1d([-8])).dataSync()[0]);
      assert.ok(Math.abs(grad('minimax')) < 1e-3, 'minimax gradient vanishes');
      assert.ok(Math.abs(grad('non-saturating')) > 0.99, 'non-saturating gradient stays ≈ −1');
    });

    test('feature matching = ‖mean f(x) − mean f(G(z))‖²', () => {
      const v = tf.tidy(() => featureMatchingLoss(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0, 0], [2, 2]])).dataSync()[0]);
      close(v, (2 - 1) ** 2 + (3 - 1) ** 2);
    });

    test('an unknown loss name is an error listing the valid ones', () => {
      assert.throws(() => dLoss('bogus' as never), /valid losses: non-saturating, minimax, hinge, least-squares, wasserstein/);
    });
  });
}
