// Finite-difference checks for matMul (all transpose flags, batched, broadcast), layer norm, batchNorm
// and gather (embedding, whose gradient needs UnsortedSegmentSum) on cpu and wasm, 1st and 2nd order.
import { tf, type Tensor } from '../../src/engine/tf.js';
import { batchNorm } from '../../src/engine/ops.js';
import { randn, registerOpCases, type OpCase } from './support.js';

const cases: OpCase[] = [];

for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
  cases.push({
    name: `matMul${ta ? ' transposeA' : ''}${tb ? ' transposeB' : ''}`,
    inputs: () => [randn(ta ? [4, 3] : [3, 4], 100), randn(tb ? [5, 4] : [4, 5], 101, 0.5)],
    fn: (a, b) => tf.matMul(a, b, ta, tb),
    inner: [0, 1],
  });
}
cases.push({
  name: 'matMul batched transposeB',
  inputs: () => [randn([2, 3, 4], 102), randn([2, 5, 4], 103, 0.5)],
  fn: (a, b) => tf.matMul(a, b, false, true),
  inner: [0, 1],
});
cases.push({
  name: 'matMul broadcast [2,3,4]·[4,5]',
  inputs: () => [randn([2, 3, 4], 104), randn([4, 5], 105, 0.5)],
  fn: (a, b) => tf.matMul(a, b),
  inner: [0, 1],
});

const layerNorm = (x: Tensor, gamma: Tensor, beta: Tensor): Tensor => {
  const { mean, variance } = tf.moments(x, -1, true); // [B, 1]
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
};
cases.push({
  name: 'layerNorm (moments)',
  inputs: () => [randn([3, 5], 110), tf.add(1, randn([5], 111, 0.2)), randn([5], 112, 0.2)],
  fn: layerNorm,
  inner: [0, 1],
});
cases.push({
  name: 'batchNorm (batch statistics, scale/offset)',
  inputs: () => [randn([4, 2, 2, 3], 113), tf.add(1, randn([3], 114, 0.2)), randn([3], 115, 0.2)],
  fn: (x, scale, offset) => {
    const { mean, variance } = tf.moments(x, [0, 1, 2]); // [C]
    return tf.batchNorm(x, mean, variance, offset, scale, 1e-3);
  },
  inner: [0, 1],
});
cases.push({
  name: 'batchNorm (given mean/variance, scale/offset)',
  inputs: () => [randn([4, 3], 116), randn([3], 117, 0.3), tf.add(1, tf.abs(randn([3], 118, 0.3))), tf.add(1, randn([3], 119, 0.2)), randn([3], 120, 0.2)],
  fn: (x, m, v, scale, offset) => tf.batchNorm(x, m, v, offset, scale, 1e-3),
  inner: [0, 3],
});
cases.push({
  name: 'batchNorm genlab wrapper (no scale/offset)',
  inputs: () => [randn([4, 3], 121), randn([3], 122, 0.3), tf.add(1, tf.abs(randn([3], 123, 0.3)))],
  fn: (x, m, v) => batchNorm(x, m, v),
});
cases.push({
  name: 'gather (embedding)',
  inputs: () => [randn([6, 4], 124), tf.tensor2d([[0, 2, 5], [2, 2, 1]], [2, 3], 'int32')],
  fn: (table, ids) => tf.gather(table, ids),
  wrt: [0],
});

registerOpCases(cases);
