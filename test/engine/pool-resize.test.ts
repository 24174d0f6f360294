// Finite-difference checks for pooling and resizing on cpu and wasm: padded avgPool windows, wasm's
// MaxPoolGrad on non-positive maxima, halfPixelCenters resize grads, and every grad-of-grad kernel.
import { tf, type Tensor } from '../../src/engine/tf.js';
import { distinct, randn, registerOpCases, type OpCase } from './support.js';

type Pad = 'same' | 'valid';
const pools: Array<[number, number, Pad]> = [[2, 2, 'valid'], [3, 2, 'same'], [2, 2, 'same'], [3, 1, 'same']];

const cases: OpCase[] = [];
for (const [k, s, pad] of pools) {
  cases.push({
    name: `maxPool k${k} s${s} ${pad}`,
    inputs: () => [distinct([2, 5, 5, 2], 20 + k)],
    fn: (x) => tf.maxPool(x as tf.Tensor4D, k, s, pad),
  });
  cases.push({
    name: `avgPool k${k} s${s} ${pad}`,
    inputs: () => [randn([2, 5, 5, 2], 30 + k)],
    fn: (x) => tf.avgPool(x as tf.Tensor4D, k, s, pad),
  });
}

const flags: Array<[boolean, boolean]> = [[false, false], [true, false], [false, true]];
for (const [alignCorners, halfPixel] of flags) {
  for (const size of [[7, 8], [3, 4]] as Array<[number, number]>) {
    const tag = `${size.join('x')}${alignCorners ? ' alignCorners' : ''}${halfPixel ? ' halfPixelCenters' : ''}`;
    cases.push({
      name: `resizeBilinear square ${tag}`,
      inputs: () => [randn([1, 4, 4, 2], 42)],
      fn: (x: Tensor) => tf.image.resizeBilinear(x as tf.Tensor4D, size, alignCorners, halfPixel),
    });
    cases.push({
      name: `resizeNearestNeighbor square ${tag}`,
      inputs: () => [randn([1, 4, 4, 2], 43)],
      fn: (x: Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, alignCorners, halfPixel),
    });
    cases.push({
      name: `resizeBilinear ${tag}`,
      inputs: () => [randn([2, 4, 5, 2], 40)],
      fn: (x: Tensor) => tf.image.resizeBilinear(x as tf.Tensor4D, size, alignCorners, halfPixel),
    });
    cases.push({
      name: `resizeNearestNeighbor ${tag}`,
      inputs: () => [randn([2, 4, 5, 2], 41)],
      fn: (x: Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, alignCorners, halfPixel),
    });
  }
}

registerOpCases(cases);
