// Finite-difference checks for conv2d, conv2dTranspose and depthwiseConv2d on cpu and wasm, first order
// and of a scalar function of (∂f/∂x, ∂f/∂filter), so every backprop kernel's own gradient is exercised.
import { tf } from '../../src/engine/tf.js';
import { randn, registerOpCases, type OpCase } from './support.js';

type Pad = 'same' | 'valid';
const cases: OpCase[] = [];

for (const [s, pad] of [[1, 'same'], [1, 'valid'], [2, 'same'], [2, 'valid']] as Array<[number, Pad]>) {
  cases.push({
    name: `conv2d s${s} ${pad}`,
    inputs: () => [randn([2, 5, 5, 2], 50 + s), randn([3, 3, 2, 3], 60 + s, 0.5)],
    fn: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad),
    inner: [0, 1],
  });
  cases.push({
    name: `depthwiseConv2d s${s} ${pad}`,
    inputs: () => [randn([2, 5, 5, 2], 70 + s), randn([3, 3, 2, 2], 80 + s, 0.5)],
    fn: (x, f) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad),
    inner: [0, 1],
  });
}

// conv2dTranspose: x [2, 3, 3, 3] → [2, H, W, 2]; filter [fh, fw, outC, inC].
for (const [s, pad, out] of [[1, 'same', 3], [2, 'same', 6], [2, 'valid', 7]] as Array<[number, Pad, number]>) {
  cases.push({
    name: `conv2dTranspose s${s} ${pad}`,
    inputs: () => [randn([2, 3, 3, 3], 90 + s), randn([3, 3, 2, 3], 95 + s, 0.5)],
    fn: (x, f) => tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [2, out, out, 2], s, pad),
    inner: [0, 1],
  });
}

cases.push({
  name: 'conv2dTranspose s2 same, 8 channels (wasm sub-pixel path)',
  inputs: () => [randn([1, 3, 3, 2], 98), randn([3, 3, 8, 2], 99, 0.5)],
  fn: (x, f) => tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [1, 6, 6, 8], 2, 'same'),
  inner: [0, 1],
});

registerOpCases(cases);
