// The profiled FLOP counter of the --vs-torch benchmark (bench/lib/kernel-flops.ts): each formula
// against hand counts, on synthetic records and on real tf.profile runs on every test backend (whose
// composite kernels must be counted once, whatever they are built from).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { countKernelFlops, recordFlops, type KernelRecord } from '../../bench/lib/kernel-flops.js';
import { profileKernels } from '../../bench/lib/kernel-profile.js';
import { fastestPerCall, kernelTable } from '../../bench/lib/kernel-table.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';

const rec = (name: string, inputShapes: Array<number[] | null>, out: number[], depth = 0): KernelRecord => ({ name, inputShapes, outputShapes: [out], depth });

// conv2d x [2,9,9,3] ⊛ W [3,3,3,4], stride 2, valid → y [2,4,4,4]: 128 outputs × 27 taps·channels
// × 2 = 6912 FLOPs, and as many for each of dx and dW.
const CONV = 2 * (2 * 4 * 4 * 4) * (3 * 3 * 3);
// [3,5,7]·[3,7,11] → 2·3·5·11·7 = 2310; [5,7]ᵀ-stored as [7,5] with transposeA: 2·5·11·7 = 770.
const MATMUL = 2 * 3 * 5 * 11 * 7;

test('formulas: matmul (transposes inferred from shapes), conv, its two gradients, conv2dTranspose, depthwise', () => {
  assert.equal(recordFlops(rec('BatchMatMul', [[3, 5, 7], [3, 7, 11]], [3, 5, 11])), MATMUL);
  assert.equal(recordFlops(rec('BatchMatMul', [[7, 5], [7, 11]], [5, 11])), 770); // transposeA
  assert.equal(recordFlops(rec('_FusedMatMul', [[5, 7], [11, 7], [11], null], [5, 11])), 770); // transposeB, bias
  assert.equal(recordFlops(rec('BatchMatMul', [[4, 4], [4, 4]], [4, 4])), 128);
  assert.equal(recordFlops(rec('Conv2D', [[2, 9, 9, 3], [3, 3, 3, 4]], [2, 4, 4, 4])), CONV);
  assert.equal(recordFlops(rec('FusedConv2D', [[2, 9, 9, 3], [3, 3, 3, 4], [4], null], [2, 4, 4, 4])), CONV);
  assert.equal(recordFlops(rec('Conv2DBackpropInput', [[2, 4, 4, 4], [3, 3, 3, 4]], [2, 9, 9, 3])), CONV);
  assert.equal(recordFlops(rec('Conv2DBackpropFilter', [[2, 9, 9, 3], [2, 4, 4, 4]], [3, 3, 3, 4])), CONV);
  // conv2dTranspose x [2,4,4,8] with W [4,4,3,8], stride 2 → [2,8,8,3]: the conv of [2,8,8,3] to x,
  // 2 · (2·4·4·8 outputs) · (4·4·3 taps·channels)
  assert.equal(recordFlops(rec('Conv2DBackpropInput', [[2, 4, 4, 8], [4, 4, 3, 8]], [2, 8, 8, 3])), 2 * 256 * 48);
  // depthwise W [3,3,3,2] on [2,8,8,3] same → [2,8,8,6]: one input channel per output, 2·768·9
  assert.equal(recordFlops(rec('DepthwiseConv2dNative', [[2, 8, 8, 3], [3, 3, 3, 2]], [2, 8, 8, 6])), 2 * 768 * 9);
  assert.equal(recordFlops(rec('DepthwiseConv2dNativeBackpropInput', [[2, 8, 8, 6], [3, 3, 3, 2]], [2, 8, 8, 3])), 2 * 768 * 9);
  assert.equal(recordFlops(rec('DepthwiseConv2dNativeBackpropFilter', [[2, 8, 8, 3], [2, 8, 8, 6]], [3, 3, 3, 2])), 2 * 768 * 9);
  assert.equal(recordFlops(rec('Add', [[5, 5], [5, 5]], [5, 5])), 0);
});

test('nesting: kernels inside a counted kernel are its implementation; inside an uncounted wrapper they count', () => {
  const records = [
    rec('Conv2D', [[2, 12, 12, 4], [3, 3, 4, 3]], [2, 10, 10, 3], 1), // wasm's dx built from a conv…
    rec('Slice', [[2, 10, 10, 3]], [2, 9, 9, 3], 1),
    rec('Conv2DBackpropInput', [[2, 4, 4, 4], [3, 3, 3, 4]], [2, 9, 9, 3], 0), // …priced as the dx it is
    rec('FusedConv2D', [[2, 9, 9, 3], [3, 3, 3, 4], [4], null], [2, 4, 4, 4], 1), // inside a custom-grad op
    rec('fusedConv2d__op', [[2, 9, 9, 3], [3, 3, 3, 4]], [2, 4, 4, 4], 0),
  ];
  assert.deepEqual(countKernelFlops(records), { flops: 2 * CONV, byKernel: { FusedConv2D: CONV, Conv2DBackpropInput: CONV } });
  assert.throws(() => recordFlops(rec('Conv2D', [[1, 2, 2, 1]], [1, 2, 2, 1])), /Conv2D record has no filter shape/);
});

for (const backend of TEST_BACKENDS) {
  describe(`tf.profile on ${backend}`, () => {
    before(() => useBackend(backend));

    test('conv2d forward + both gradients = 3 × the forward; a batched matmul = 2·B·M·N·K', async () => {
      const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
      const a = tf.randomNormal([3, 5, 7], 0, 1, 'float32', 3);
      const b = tf.randomNormal([3, 11, 7], 0, 1, 'float32', 4);
      const tensorsBefore = tf.memory().numTensors;
      const convGrads = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 2, 'valid')));
      const conv = countKernelFlops(await profileKernels(() => tf.dispose(convGrads([x, w]))));
      assert.deepEqual(conv.byKernel, { Conv2D: CONV, Conv2DBackpropInput: CONV, Conv2DBackpropFilter: CONV });
      const mm = countKernelFlops(await profileKernels(() => tf.dispose(tf.matMul(a, b, false, true))));
      assert.equal(mm.flops, MATMUL);
      assert.equal(tf.memory().numTensors, tensorsBefore);
      tf.dispose([x, w, a, b]);
    });
  });
}

test('kernel table: outermost calls summed per name, largest first, costliest shapes; fastest call over repeats', () => {
  const k = (name: string, ms: number, depth = 0, shape = [2, 3]) => ({ name, ms, depth, inputShapes: [shape] });
  const t = kernelTable([k('Add', 1), k('MatMul', 5, 0, [4, 4]), k('Add', 2, 0, [9]), k('Exp', 7, 1), k('MatMul', 3)], 2);
  assert.equal(t.kernelMs, 11); // the depth-1 Exp is inside its caller's time
  assert.equal(t.calls, 4);
  assert.deepEqual(t.rows.map((r) => [r.name, r.calls, r.ms]), [['MatMul', 2, 8], ['Add', 2, 3]]);
  assert.deepEqual(t.rows[0].topShapes, [{ shapes: '[4×4]', ms: 5 }, { shapes: '[2×3]', ms: 3 }]);
  assert.equal(t.rows[1].share, 3 / 11);
  assert.deepEqual(fastestPerCall([[k('A', 3), k('B', 1)], [k('A', 2), k('B', 4)]]).map((x) => x.ms), [2, 1]);
  assert.deepEqual(fastestPerCall([[k('A', 3)], [k('B', 1)]]).map((x) => x.ms), [3]); // different sequences: the first
});
