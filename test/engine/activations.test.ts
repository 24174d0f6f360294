// Finite-difference checks (first order and grad of grad) for activations and softmax-family ops on
// cpu and wasm; the 2nd-order ones fail on stock tfjs 4.22 (tensorflow/tfjs#3252).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor } from '../../src/engine/tf.js';
import { logSoftmax, softmax, softmaxCrossEntropy } from '../../src/engine/ops.js';
import { gradientFunctional } from '../../src/engine/gradcheck.js';
import { useBackend } from '../helpers/engine.js';
import { randn, randnAway, registerOpCases, type OpCase } from './support.js';

const x1 = () => [randn([3, 4], 1)];
const GELU_C = Math.sqrt(2 / Math.PI);

const cases: OpCase[] = [
  { name: 'tanh', inputs: x1, fn: (x) => tf.tanh(x) },
  { name: 'sigmoid', inputs: x1, fn: (x) => tf.sigmoid(x) },
  { name: 'exp', inputs: () => [randn([3, 4], 2, 0.5)], fn: (x) => tf.exp(x) },
  { name: 'elu', inputs: () => [randnAway([3, 4], 3)], fn: (x) => tf.elu(x) },
  { name: 'selu', inputs: () => [randnAway([3, 4], 4)], fn: (x) => tf.selu(x) },
  { name: 'softplus', inputs: x1, fn: (x) => tf.softplus(x) },
  { name: 'silu', inputs: x1, fn: (x) => tf.mul(x, tf.sigmoid(x)) },
  {
    name: 'gelu (tanh approx)',
    inputs: x1,
    fn: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(tf.mul(GELU_C, tf.add(x, tf.mul(0.044715, tf.mul(x, tf.mul(x, x)))))))),
  },
  { name: 'gelu (erf)', inputs: x1, fn: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))) },
  { name: 'relu', inputs: () => [randnAway([3, 4], 5)], fn: (x) => tf.relu(x) },
  { name: 'leakyRelu', inputs: () => [randnAway([3, 4], 6)], fn: (x) => tf.leakyRelu(x, 0.2) },
  { name: 'prelu', inputs: () => [randnAway([3, 4], 7), tf.tensor1d([0.1, 0.2, 0.3, 0.25])], fn: (x, a) => tf.prelu(x, a), inner: [0, 1] },
  { name: 'relu6', inputs: () => [randnAway([3, 4], 8, 0.1)], fn: (x) => tf.relu6(tf.mul(x, 4)) },
  { name: 'softmax (tf, patched kernel grad)', inputs: x1, fn: (x) => tf.softmax(x) },
  { name: 'softmax (genlab)', inputs: x1, fn: (x) => softmax(x) },
  { name: 'logSoftmax (genlab)', inputs: x1, fn: (x) => logSoftmax(x) },
  {
    name: 'softmaxCrossEntropy (genlab)',
    inputs: () => [randn([3, 4], 9), tf.tidy(() => tf.softmax(randn([3, 4], 10)))],
    fn: (x, labels) => softmaxCrossEntropy(labels, x),
    wrt: [0],
  },
  { name: 'logSoftmax (tf, first order)', inputs: x1, fn: (x) => tf.logSoftmax(x), firstOrderOnly: 'tf.logSoftmax refuses 2nd order (see guard test)' },
];

registerOpCases(cases);

for (const backend of ['cpu', 'wasm']) {
  test(`tf.logSoftmax / tf.losses.softmaxCrossEntropy refuse grad of grad [${backend}]`, async () => {
    await useBackend(backend);
    const x = randn([2, 3], 11);
    const labels = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3);
    const viaLogSoftmax = gradientFunctional((xx: Tensor) => tf.sum(tf.mul(tf.logSoftmax(xx), tf.range(0, 3))));
    const viaCrossEntropy = gradientFunctional((xx: Tensor) => tf.losses.softmaxCrossEntropy(labels, xx) as tf.Scalar);
    for (const h of [viaLogSoftmax, viaCrossEntropy]) {
      assert.throws(() => tf.grad((xx: Tensor) => h(xx))(x), /cannot be differentiated again/);
    }
    tf.dispose([x, labels]);
  });
}
