// The native backend's OpenBLAS kernels against tfjs' cpu kernels on the same seeded inputs (transposes,
// broadcast batches, empty products, fused activations, strided/dilated/padded convs and their
// gradients, tile, sums, elementwise functions, comparisons, Select / Cast / LogicalNot, batch norm, group norm, layer norm, SiLU and GELU with their gradients, Concat / SplitV, nearest resize and average pooling, broadcasting arithmetic), plus its registration contract: shares
// wasm's tensors, leaks nothing, idempotent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl, type Tensor } from '../../src/engine/tf.js';
import { GELU_GRAD_KERNEL, GELU_KERNEL, SILU_GRAD_KERNEL, SILU_KERNEL, gelu } from '../../src/engine/fused-activations.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { DEFAULT_NATIVE_THREADS, loadNativeAddon, nativeThreadsFromEnv } from '../../src/node/native-addon.js';
import { useBackend } from '../helpers/engine.js';
import { collapseBroadcast } from '../../src/engine/native/binary.js';
import { reduceGeometry } from '../../src/engine/native/reduce.js';
import { randn } from './support.js';
import { GroupNorm } from '../../src/nn/group-norm.js';
import { layerNorm } from '../../src/nn/layer-norm.js';
import { GROUP_NORM_GRAD_KERNEL, GROUP_NORM_KERNEL } from '../../src/engine/fused-group-norm.js';

const addon = loadNativeAddon();
const skip = 'reason' in addon ? `native backend ${addon.reason}` : false;

/** Runs `f` on cpu and on `target` with the same seeded inputs; returns max |target − cpu| / max(1, max |cpu|). */
async function parityOn(target: string, f: () => Tensor): Promise<number> {
  const out: Float32Array[] = [];
  for (const backend of ['cpu', target]) {
    await useBackend(backend);
    const before = tf.memory().numTensors, ids = tf.engine().backend.numDataIds();
    const y = tf.tidy(f);
    out.push(y.dataSync() as Float32Array);
    y.dispose();
    assert.equal(tf.memory().numTensors, before, `leaked tensors on ${backend}`);
    assert.equal(tf.engine().backend.numDataIds(), ids, `leaked backend data on ${backend}`);
  }
  const [c, n] = out;
  assert.equal(n.length, c.length);
  const scale = c.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  return c.reduce((m, v, i) => Math.max(m, Math.abs(n[i] - v)), 0) / scale;
}

const TOL = 1e-5;

// The same cases run on wasm, whose heavy kernels are genlab's wasm SIMD build of the same C sources
// (engine/wasm-kernels) behind the same glue.
for (const target of ['native', 'wasm']) {
describe(`${target} kernels match cpu`, { skip: target === 'native' ? skip : false }, () => {
  const parity = (f: () => Tensor) => parityOn(target, f);
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    test(`BatchMatMul transposeA=${ta} transposeB=${tb}, broadcast batch [2,3] × [3]`, async () => {
      const a = () => randn(ta ? [2, 3, 4, 5] : [2, 3, 5, 4], 1);
      const b = () => randn(tb ? [3, 6, 4] : [3, 4, 6], 2);
      assert.ok((await parity(() => tf.matMul(a(), b(), ta, tb))) < TOL);
    });
  }

  // (tfjs' own kernels get broadcasting on both sides at once wrong, so only one side broadcasts here.)
  test('BatchMatMul with a size-1 batch and an empty inner dim', async () => {
    assert.ok((await parity(() => tf.matMul(randn([1, 3, 2], 3), randn([4, 2, 3], 4)))) < TOL);
    assert.ok((await parity(() => tf.matMul(tf.zeros([2, 3, 0]), tf.zeros([2, 0, 4])))) === 0);
  });

  for (const activation of ['linear', 'relu', 'elu', 'relu6', 'sigmoid', 'leakyrelu', 'prelu'] as const) {
    test(`_FusedMatMul with bias and ${activation}`, async () => {
      const err = await parity(() =>
        tf.fused.matMul({
          a: randn([3, 4], 5), b: randn([5, 4], 6), transposeB: true, bias: randn([5], 7), activation,
          preluActivationWeights: activation === 'prelu' ? randn([5], 8, 0.1) : undefined, leakyreluAlpha: 0.1,
        }),
      );
      assert.ok(err < TOL, `${err}`);
    });
  }

  const convs: Array<[string, number, 'same' | 'valid' | [[0, 0], [1, 2], [0, 1], [0, 0]], number, number]> = [
    ['3×3 s1 same', 1, 'same', 1, 3],
    ['3×3 s2 valid', 2, 'valid', 1, 3],
    ['4×4 s2 same', 2, 'same', 1, 4],
    ['3×3 s1 same dilation 2', 1, 'same', 2, 3],
    ['3×3 s1 explicit pads', 1, [[0, 0], [1, 2], [0, 1], [0, 0]], 1, 3],
    ['4×4 s1 same (uneven pads)', 1, 'same', 1, 4],
    ['3×3 s1 valid', 1, 'valid', 1, 3],
    ['1×1 pointwise', 1, 'valid', 1, 1],
  ];
  for (const [name, s, pad, d, f] of convs) {
    test(`Conv2D and both backprops: ${name}`, async () => {
      const x = () => randn([2, 7, 6, 3], 10) as tf.Tensor4D;
      const w = () => randn([f, f, 3, 4], 11, 0.5) as tf.Tensor4D;
      const conv = (xx: tf.Tensor4D, ww: tf.Tensor4D) => tf.conv2d(xx, ww, s, pad, 'NHWC', d);
      assert.ok((await parity(() => conv(x(), w()))) < TOL, 'forward');
      if (d !== 1) return; // tfjs' conv gradients require dilation 1
      const grads = (i: number) => () => {
        const g = tf.grads((xx: Tensor, ww: Tensor) => tf.sum(tf.mul(conv(xx as tf.Tensor4D, ww as tf.Tensor4D), tf.sin(conv(xx as tf.Tensor4D, ww as tf.Tensor4D)))))([x(), w()]);
        return g[i];
      };
      assert.ok((await parity(grads(0))) < 1e-4, 'input gradient');
      assert.ok((await parity(grads(1))) < 1e-4, 'filter gradient');
    });
  }

  test('FusedConv2D with bias and relu / leakyrelu', async () => {
    for (const activation of ['relu', 'leakyrelu'] as const) {
      const err = await parity(() => tf.fused.conv2d({
        x: randn([2, 6, 6, 3], 12) as tf.Tensor4D, filter: randn([3, 3, 3, 4], 13, 0.5) as tf.Tensor4D, strides: 2, pad: 'same',
        bias: randn([4], 14), activation, leakyreluAlpha: 0.1,
      }));
      assert.ok(err < TOL, `${activation}: ${err}`);
    }
  });

  test('Tile: broadcast reps, inner reps, rank 5, int32 and bool, an empty axis', async () => {
    assert.ok((await parity(() => tf.tile(randn([1, 1, 1, 5], 15), [3, 4, 2, 1]))) === 0);
    assert.ok((await parity(() => tf.tile(randn([2, 3], 16), [2, 3]))) === 0);
    assert.ok((await parity(() => tf.tile(randn([2, 1, 3, 1, 2], 17), [1, 2, 1, 3, 2]))) === 0);
    assert.ok((await parity(() => tf.cast(tf.tile(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), [2, 2]), 'float32'))) === 0);
    assert.ok((await parity(() => tf.cast(tf.tile(tf.tensor1d([true, false], 'bool'), [3]), 'float32'))) === 0);
    assert.ok((await parity(() => tf.tile(tf.zeros([2, 0]), [2, 3]))) === 0);
  });

  test('Sum and Mean over leading, trailing, middle, negative and all axes, keepDims, int32', async () => {
    const x = () => randn([4, 3, 5, 2], 19);
    for (const axis of [[0, 1, 2], [0], [3], [-1, -2], [1], [0, 2], [0, 1, 2, 3]]) {
      for (const keepDims of [false, true]) {
        assert.ok((await parity(() => tf.sum(x(), axis, keepDims))) < 1e-6, `sum ${axis} ${keepDims}`);
        assert.ok((await parity(() => tf.mean(x(), axis, keepDims))) < 1e-6, `mean ${axis} ${keepDims}`);
      }
    }
    assert.ok((await parity(() => tf.cast(tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), 0), 'float32'))) === 0);
    assert.ok((await parity(() => tf.sum(tf.zeros([0, 3]), 0))) === 0);
  });

  test('Sum and Mean over interleaved axes (group-norm statistics), size-1 dims and > 4 runs', async () => {
    const cases: Array<[number[], number[]]> = [[[3, 16, 4, 2], [1, 3]], [[3, 16, 4, 2], [0, 2]], [[2, 1, 5, 3, 1, 4], [0, 3]], [[2, 3, 4, 5, 6], [0, 2, 4]], [[2, 0, 3], [1]]];
    for (const [shape, axis] of cases) {
      for (const keepDims of [false, true]) {
        assert.ok((await parity(() => tf.sum(randn(shape, 32), axis, keepDims))) < 1e-6, `sum ${shape} ${axis} ${keepDims}`);
        if (!shape.includes(0)) assert.ok((await parity(() => tf.mean(randn(shape, 32), axis, keepDims))) < 1e-6, `mean ${shape} ${axis}`);
      }
    }
    assert.deepEqual(reduceGeometry([3, 16, 4, 2], [1, 3]), [[3, 16, 4, 2], [4, 0, 1, 0]]);
    assert.deepEqual(reduceGeometry([2, 1, 5, 3, 1, 4], [0, 3]), [[2, 5, 3, 4], [0, 4, 0, 1]]);
    assert.equal(reduceGeometry([2, 3, 4, 5, 6], [0, 2, 4]), null);
  });

  test('Exp, Log, Erf, Tanh, Sqrt, Softplus (libm) and LeakyRelu match', async () => {
    const x = () => randn([7, 9], 20, 2);
    const pos = () => tf.add(tf.abs(randn([7, 9], 21, 3)), 1e-3);
    for (const [name, f] of [['exp', () => tf.exp(x())], ['log', () => tf.log(pos())], ['erf', () => tf.erf(x())],
      ['tanh', () => tf.tanh(x())], ['sqrt', () => tf.sqrt(pos())],
      ['softplus', () => tf.softplus(tf.mul(x(), 10))], ['leakyRelu', () => tf.leakyRelu(x(), 0.15)]] as Array<[string, () => Tensor]>) {
      const err = await parity(f);
      assert.ok(err < 1e-6, `${name}: ${err}`);
    }
  });

  test('comparisons: float32 and int32; same shape, scalar, broadcast on either side, both broadcast, ties', async () => {
    const x = () => tf.round(randn([6, 5], 22, 2)); // rounding makes ties
    const others = [() => tf.round(randn([6, 5], 23, 2)), () => tf.scalar(0), () => tf.tensor1d([0.5]),
      () => tf.round(randn([5], 24)), () => tf.round(randn([6, 1], 25)), () => tf.round(randn([2, 6, 1], 26))];
    for (const f of [tf.greater, tf.greaterEqual, tf.less, tf.lessEqual, tf.equal, tf.notEqual]) {
      for (const other of others) {
        assert.ok((await parity(() => tf.cast(f(x(), other()), 'float32'))) === 0, `${f.name}`);
        assert.ok((await parity(() => tf.cast(f(other(), x()), 'float32'))) === 0, `${f.name} swapped`);
        assert.ok((await parity(() => tf.cast(f(tf.cast(other(), 'int32'), tf.cast(x(), 'int32')), 'float32'))) === 0, `${f.name} int32`);
      }
    }
  });

  test('Select (float32, int32, broadcasting fallback), Cast among float32 / int32 / bool with NaN, ±Inf and wrap-around, LogicalNot', async () => {
    const cond = () => tf.greater(randn([6, 5], 40), 0);
    const a = () => randn([6, 5], 41), b = () => randn([6, 5], 42);
    assert.equal(await parity(() => tf.where(cond(), a(), b())), 0);
    assert.equal(await parity(() => tf.cast(tf.where(cond(), tf.cast(tf.mul(a(), 9), 'int32'), tf.cast(tf.mul(b(), 9), 'int32')), 'float32')), 0);
    assert.equal(await parity(() => tf.where(tf.greater(randn([6, 1], 43), 0), a(), b())), 0); // broadcast: wasm's kernel
    const odd = [0, 0.5, -0.5, -2.7, 2.7, 1, -1, 3e9, -3e9, 5e9, 2147483520, NaN, Infinity, -Infinity, 256, -1e-30];
    const f = () => tf.tensor1d(odd);
    // NaN is kept out of comparisons of results: parity() compares numbers
    assert.equal(await parity(() => tf.cast(f(), 'int32')), 0);
    assert.equal(await parity(() => tf.cast(tf.cast(f(), 'bool'), 'int32')), 0); // 0.5 and 256 are true, NaN too
    assert.equal(await parity(() => tf.cast(tf.cast(tf.cast(f(), 'int32'), 'bool'), 'float32')), 0);
    assert.equal(await parity(() => tf.cast(tf.cast(f(), 'int32'), 'float32')), 0);
    assert.equal(await parity(() => tf.cast(tf.logicalNot(tf.cast(f(), 'bool')), 'float32')), 0);
    assert.equal(await parity(() => tf.cast(tf.tensor1d([], 'int32'), 'float32')), 0);
  });

  test('FusedBatchNorm with and without offset / scale, [C] and [1,1,1,C] statistics, and a non-channel case (wasm)', async () => {
    const x = () => randn([4, 5, 5, 6], 50, 2);
    const v = (seed: number, shape = [6]) => tf.add(tf.abs(randn(shape, seed)), 0.1);
    const m = (seed: number, shape = [6]) => randn(shape, seed);
    const cases: Array<[string, () => Tensor]> = [
      ['full', () => tf.batchNorm(x(), m(51), v(52), m(53), v(54), 1e-3)],
      ['no offset/scale', () => tf.batchNorm(x(), m(51), v(52), undefined, undefined, 1e-5)],
      ['[1,1,1,C]', () => tf.batchNorm(x(), m(51, [1, 1, 1, 6]), v(52, [1, 1, 1, 6]), m(53, [1, 1, 1, 6]), v(54, [1, 1, 1, 6]), 1e-3)],
      ['2-D', () => tf.batchNorm(randn([7, 6], 55), m(51), v(52), m(53), v(54), 1e-3)],
      ['per-row (wasm)', () => tf.batchNorm(x(), m(51, [4, 1, 1, 6]), v(52, [4, 1, 1, 6]), undefined, undefined, 1e-3)],
    ];
    for (const [name, f] of cases) {
      const err = await parity(f);
      assert.ok(err < 1e-5, `${name}: ${err}`);
    }
  });

  test('Concat and SplitV along every axis, uneven sizes, -1 and even splits, int32 / bool, empty parts', async () => {
    const a = () => randn([2, 3, 4, 5], 60), b = () => randn([2, 3, 4, 2], 61);
    for (const axis of [0, 1, 2, 3, -1]) {
      const shapeB = [2, 3, 4, 5].map((d, i) => (i === (axis + 4) % 4 ? 2 : d));
      assert.equal(await parity(() => tf.concat([a(), randn(shapeB, 62), a()], axis)), 0, `concat axis ${axis}`);
      for (const splits of [[1, -1], 1] as Array<number | number[]>) {
        const s = typeof splits === 'number' ? [2, 3, 4, 5][(axis + 4) % 4] : splits;
        assert.equal(await parity(() => tf.concat(tf.split(a(), s, axis).map((t, i) => tf.mul(t, i + 1)), axis)), 0, `split axis ${axis} ${JSON.stringify(s)}`);
      }
    }
    assert.equal(await parity(() => tf.concat([a(), b()], 3)), 0);
    assert.equal(await parity(() => tf.cast(tf.concat([tf.greater(a(), 0), tf.less(b(), 0)], 3), 'float32')), 0);
    assert.equal(await parity(() => tf.cast(tf.concat(tf.split(tf.cast(tf.mul(a(), 5), 'int32'), [3, 0, 2], 3).reverse(), 3), 'float32')), 0);
    assert.equal(await parity(() => tf.concat([tf.zeros([2, 0, 4]), randn([2, 3, 4], 63)], 1)), 0);
    assert.equal(await parity(() => tf.concat(tf.split(randn([12, 96], 64), 3, 1), 0)), 0); // the attention projection's split
  });

  test('group norm: the fused kernels match the composed layer in value, gradient and gradient of gradient', async () => {
    for (const [groups, seed] of [[2, 70], [8, 71], [1, 72]] as const) {
      // a fresh layer per run: variables made on one backend would move (new data) to the other
      // and a fixed weighting of the output, so no gradient is identically zero
      const withLayer = (f: (layer: GroupNorm, x: Tensor, loss: (xx: Tensor) => Tensor) => Tensor) => () => {
        const layer = new GroupNorm({ groups });
        layer.build([null, 5, 5, 8]);
        layer.setWeights([tf.add(randn([8], seed), 1), randn([8], seed + 10)]);
        const w = randn([3, 5, 5, 8], seed + 30);
        const y = f(layer, tf.add(tf.mul(randn([3, 5, 5, 8], seed + 20), 4), 2), (xx) => tf.sum(tf.mul(tf.square(layer.apply(xx) as Tensor), w)));
        for (const v of layer.weights) v.dispose();
        return y;
      };
      const err = await parity(withLayer((layer, x) => layer.apply(x) as Tensor));
      assert.ok(err < 1e-5, `groups ${groups}: ${err}`);
      const gradErr = await parity(withLayer((_, x, loss) => tf.grad(loss)(x)));
      assert.ok(gradErr < 1e-4, `groups ${groups} dx: ${gradErr}`);
      const paramErr = await parity(withLayer((layer, x, loss) => {
        const { grads } = tf.variableGrads(() => loss(x) as tf.Scalar, layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val));
        return tf.concat(Object.values(grads).map((g) => tf.reshape(g, [-1])));
      }));
      assert.ok(paramErr < 1e-4, `groups ${groups} dγ, dβ: ${paramErr}`);
      const secondErr = await parity(withLayer((_, x, loss) => tf.grad((xx: Tensor) => tf.sum(tf.square(tf.grad(loss)(xx))))(x)));
      assert.ok(secondErr < 1e-3, `groups ${groups} second order: ${secondErr}`);
    }
    await useBackend(target);
    const layer = new GroupNorm({ groups: 2 });
    const x = randn([2, 3, 3, 4], 73);
    const kernels = async (f: () => Tensor) => (await tf.profile(() => tf.dispose(f()))).kernels.map((k) => k.name);
    const first = await kernels(() => tf.grad((xx: Tensor) => tf.sum(tf.square(layer.apply(xx) as Tensor)))(x));
    assert.ok(first.includes(GROUP_NORM_KERNEL) && first.includes(GROUP_NORM_GRAD_KERNEL), first.join());
    const second = await kernels(() => tf.grad((xx: Tensor) => tf.sum(tf.grad((z: Tensor) => tf.sum(tf.square(layer.apply(z) as Tensor)))(xx)))(x));
    // the recorded inner backward pass composes differentiable ops (its rsqrt); the outer one may use the kernel
    assert.ok(second.includes('Rsqrt'), second.join());
    x.dispose();
    for (const v of layer.weights) v.dispose();
  });

  test('layer norm over the last axis (the group-norm kernels with one group) matches, with and without β, with gradients', async () => {
    const x = () => tf.add(tf.mul(randn([3, 5, 16], 95), 3), 1);
    const g = () => tf.add(randn([16], 96), 1), b = () => randn([16], 97), w = () => randn([3, 5, 16], 98);
    for (const withBeta of [true, false]) {
      const f = (xx: Tensor, gg: Tensor, bb?: Tensor) => tf.sum(tf.mul(layerNorm(xx, gg, bb), w()));
      assert.ok((await parity(() => layerNorm(x(), g(), withBeta ? b() : undefined))) < 1e-5);
      const grads = () => {
        const inputs = withBeta ? [x(), g(), b()] : [x(), g()];
        return tf.concat(tf.grads((...a: Tensor[]) => f(a[0], a[1], a[2]))(inputs).map((t) => tf.reshape(t, [-1])));
      };
      assert.ok((await parity(grads)) < 1e-4, `β ${withBeta}`);
    }
  });

  const activations: Array<[string, (x: Tensor) => Tensor, string[], number]> = [
    ['SiLU (the layers\' swish)', (x) => tfl.layers.activation({ activation: 'swish' }).apply(x) as Tensor, [SILU_KERNEL, SILU_GRAD_KERNEL], 1e-6],
    ['GELU ½·x·(1 + erf(x/√2))', gelu, [GELU_KERNEL, GELU_GRAD_KERNEL], 1e-5],
  ];
  for (const [name, act, kernels, tol] of activations) {
    test(`${name}: the fused kernels match the composed ops in value, gradient and gradient of gradient`, async () => {
      const x = () => tf.mul(randn([4, 7, 5], 90), 4);
      const f = (xx: Tensor) => tf.sum(tf.mul(act(xx), randn([4, 7, 5], 91)));
      assert.ok((await parity(() => act(x()))) < 1e-6);
      assert.ok((await parity(() => tf.grad(f)(x()))) < tol);
      assert.ok((await parity(() => tf.grad((xx: Tensor) => tf.sum(tf.square(tf.grad(f)(xx))))(x()))) < 10 * tol);
      await useBackend(target);
      const xs = x();
      const names = (await tf.profile(() => tf.dispose(tf.grad(f)(xs)))).kernels.map((k) => k.name);
      assert.ok(kernels.every((k) => names.includes(k)), names.join());
      xs.dispose();
    });
  }

  test('nearest resize and average pooling by integer factors, their gradients, and the wasm cases (corners, strides ≠ windows, padding)', async () => {
    const x = () => randn([2, 4, 6, 3], 80);
    const resizes: Array<[[number, number], boolean, boolean]> = [[[8, 12], false, false], [[12, 12], false, true], [[8, 12], true, false], [[6, 9], false, false], [[4, 6], false, false]];
    for (const [size, corners, half] of resizes) {
      assert.equal(await parity(() => tf.image.resizeNearestNeighbor(x() as tf.Tensor4D, size, corners, half)), 0, `resize ${size} ${corners} ${half}`);
      const g = await parity(() => tf.grad((xx: Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(xx as tf.Tensor4D, size, corners, half), randn([2, ...size, 3], 81))))(x()));
      assert.ok(g < 1e-6, `resize gradient ${size} ${corners} ${half}: ${g}`);
    }
    const pools: Array<[number | [number, number], number | [number, number], 'valid' | 'same']> = [[2, 2, 'valid'], [[2, 3], [2, 3], 'valid'], [2, 1, 'valid'], [2, 2, 'same'], [3, 3, 'valid']];
    for (const [k, st, pad] of pools) {
      const y = () => randn([2, 6, 9, 3], 82);
      assert.ok((await parity(() => tf.avgPool(y() as tf.Tensor4D, k, st, pad))) < 1e-6, `avgPool ${k} ${st} ${pad}`);
      const g = await parity(() => tf.grad((yy: Tensor) => tf.sum(tf.square(tf.avgPool(yy as tf.Tensor4D, k, st, pad))))(y()));
      assert.ok(g < 1e-6, `avgPool gradient ${k} ${st} ${pad}: ${g}`);
    }
  });

  test('broadcasting Add / Sub / Multiply / RealDiv / SquaredDifference: same shape, scalars, either side, both sides, group-norm shapes, > 4 dims', async () => {
    const pairs: Array<[number[], number[]]> = [
      [[6, 5], [6, 5]], [[6, 5], []], [[], [6, 5]], [[6, 5], [5]], [[6, 1], [6, 5]], [[2, 6, 1], [1, 5]],
      [[3, 16, 4, 2], [3, 1, 4, 1]], [[3, 1, 4, 1], [3, 16, 4, 2]], [[2, 3, 4, 5, 6], [2, 1, 4, 1, 6]], [[1, 1, 7], [7, 1, 1]], [[0, 3], [3]],
    ];
    for (const f of [tf.add, tf.sub, tf.mul, tf.div, tf.squaredDifference]) {
      for (const [sa, sb] of pairs) {
        // b is kept away from zero so division is well conditioned on both backends
        const err = await parity(() => f(randn(sa, 30), tf.add(tf.abs(randn(sb, 31)), 0.5)));
        assert.ok(err < 1e-6, `${f.name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}: ${err}`);
      }
    }
  });

  test('collapseBroadcast merges contiguous dims and keeps broadcast strides', () => {
    assert.deepEqual(collapseBroadcast([3, 16, 4, 2], [3, 1, 4, 1], [3, 16, 4, 2]), [[3, 16, 4, 2], [128, 8, 2, 1], [4, 0, 1, 0]]);
    assert.deepEqual(collapseBroadcast([6, 5], [6, 5], [6, 5]), [[1, 1, 1, 30], [0, 0, 0, 1], [0, 0, 0, 1]]);
    assert.deepEqual(collapseBroadcast([2, 3, 4], [], [2, 3, 4]), [[1, 1, 1, 24], [0, 0, 0, 1], [0, 0, 0, 0]]);
    assert.equal(collapseBroadcast([2, 3, 4, 5, 6], [2, 1, 4, 1, 6], [2, 3, 4, 5, 6]), null); // five runs: wasm's kernel
  });

  test('the gradient of a mean over NHWC axes (a broadcast Tile) matches', async () => {
    const x = () => randn([4, 5, 5, 3], 18);
    assert.ok((await parity(() => tf.grad((xx: Tensor) => tf.sum(tf.square(tf.sub(xx, tf.mean(xx, [0, 1, 2])))))(x()))) < 1e-5);
  });
});
}

describe('native backend registration', { skip }, () => {
  test('shares tensors with wasm: a tensor made on wasm is read on native without a copy', async () => {
    await useBackend('wasm');
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    await useBackend('native');
    assert.strictEqual(tf.findBackend('native'), tf.findBackend('wasm'));
    const y = tf.matMul(x, x);
    assert.deepEqual(Array.from(y.dataSync()), [7, 10, 15, 22]);
    tf.dispose([x, y]);
  });

  test('clone shares memory without a copy, and disposing either side keeps the other intact', async () => {
    await useBackend('native');
    const ids = tf.engine().backend.numDataIds();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    assert.equal(tf.engine().backend.numDataIds(), ids + 1);
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
    y.dispose();
    assert.equal(tf.engine().backend.numDataIds(), ids);
  });

  test('an output that grows the wasm memory still lands in the right place (fresh heap view per call)', async () => {
    await useBackend('native');
    const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
    const before = heap();
    const a = tf.fill([4096, 1], 2), b = tf.fill([1, before / 4096 + 1024], 3); // output > the whole heap
    const y = tf.matMul(a, b);
    assert.ok(heap() > before, 'the heap grew');
    const v = y.dataSync();
    assert.equal(v[0], 6);
    assert.equal(v[v.length - 1], 6);
    tf.dispose([a, b, y]);
  });

  test('initEngine reports native with its thread count', async () => {
    const info = await initNodeEngine('native');
    assert.equal(info.backend, 'native');
    assert.equal(info.nativeThreads, nativeThreadsFromEnv());
  });
});

test('GENLAB_NATIVE_THREADS must be a positive integer', () => {
  assert.equal(nativeThreadsFromEnv({ GENLAB_NATIVE_THREADS: '2' }), 2);
  assert.equal(nativeThreadsFromEnv({}), DEFAULT_NATIVE_THREADS);
  assert.ok(DEFAULT_NATIVE_THREADS >= 1);
  assert.throws(() => nativeThreadsFromEnv({ GENLAB_NATIVE_THREADS: '0' }), /positive integer, got "0"/);
});
