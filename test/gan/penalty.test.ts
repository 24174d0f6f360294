// WGAN-GP gradient penalty of a small conv critic with leaky ReLUs: value and gradient w.r.t. every
// critic weight against a float64 PyTorch fixture (test/fixtures/gan/make_fixtures.py), on cpu and wasm.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf, tfl } from '../../src/engine/tf.js';
import { clipWeights, gradientPenalty } from '../../src/models/gan/penalty.js';
import { lossAndGrads, trainableVariables } from '../../src/train/grads.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';

interface Case {
  penalty: number;
  norms: number[];
  weights: { name: string; shape: number[]; value: number[]; grad: number[] }[];
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/gan/gradient-penalty.json', import.meta.url), 'utf8')) as {
  leak: number;
  inputShape: number[];
  real: number[];
  fake: number[];
  alpha: number[];
  critic: Case;
  zeroCritic: Case;
};

/** The fixture's critic: conv3 (4) → lrelu → conv3/2 (6) → lrelu → flatten → dense 1, with its weights. */
function buildCritic(c: Case): tfl.LayersModel {
  const x = tfl.input({ shape: fx.inputShape.slice(1) });
  let h = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'valid' }).apply(x) as tfl.SymbolicTensor;
  h = tfl.layers.leakyReLU({ alpha: fx.leak }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'valid' }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.leakyReLU({ alpha: fx.leak }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 1 }).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: x, outputs: out });
  const values = c.weights.map((w) => tf.tensor(w.value, w.shape));
  model.setWeights(values);
  values.forEach((t) => t.dispose());
  return model;
}

/** max |a − b| / max |b|, the relative error of a whole tensor. */
function relErr(got: ArrayLike<number>, want: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(got[i] - want[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return den === 0 ? num : num / den;
}

function penaltyAndGrads(c: Case) {
  const critic = buildCritic(c);
  const vars = trainableVariables([critic]);
  const real = tf.tensor(fx.real, fx.inputShape);
  const fake = tf.tensor(fx.fake, fx.inputShape);
  const alpha = tf.tensor1d(fx.alpha);
  const r = lossAndGrads(() => ({ loss: gradientPenalty((x) => tf.reshape(critic.apply(x) as tf.Tensor, [-1]), real, fake, alpha).penalty }), vars);
  const out = { penalty: r.loss.dataSync()[0], grads: r.grads.map((g) => g.dataSync().slice()) };
  [r.loss, ...r.grads, real, fake, alpha].forEach((t) => t.dispose());
  critic.dispose();
  return out;
}

for (const backend of TEST_BACKENDS) {
  describe(`gradient penalty vs PyTorch (${backend})`, () => {
    before(() => useBackend(backend));

    test('penalty and its gradient w.r.t. every critic weight within 1e-4 relative', () => {
      const n0 = tf.memory().numTensors;
      const { penalty, grads } = penaltyAndGrads(fx.critic);
      assert.ok(Math.abs(penalty - fx.critic.penalty) <= 1e-4 * Math.abs(fx.critic.penalty), `penalty ${penalty} vs ${fx.critic.penalty}`);
      fx.critic.weights.forEach((w, i) => {
        const e = relErr(grads[i], w.grad);
        assert.ok(e <= 1e-4, `d penalty / d ${w.name}: relative error ${e}`);
      });
      assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
    });

    test('a critic with a zero input gradient gives penalty 1 and finite (zero) weight gradients, not NaN', () => {
      const { penalty, grads } = penaltyAndGrads(fx.zeroCritic);
      assert.equal(penalty, fx.zeroCritic.penalty);
      grads.forEach((g, i) => {
        assert.ok(g.every(Number.isFinite), `gradient of ${fx.zeroCritic.weights[i].name} is not finite`);
        assert.ok(relErr(g, fx.zeroCritic.weights[i].grad) <= 1e-6);
      });
    });

    test('weight clipping bounds every variable', () => {
      const v = tf.variable(tf.tensor1d([-1, -0.005, 0.2]));
      clipWeights([v], 0.01);
      assert.deepEqual(Array.from(v.dataSync()), [-0.01, -0.005, 0.01].map(Math.fround));
      v.dispose();
    });
  });
}
