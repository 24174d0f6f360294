// The kernels genlab adds to or fixes on wasm, compared with tfjs' cpu kernels on the same seeded inputs,
// plus the patch registry's contract: idempotent, per backend, GENLAB_UNPATCHED honoured, no leaked data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor } from '../../src/engine/tf.js';
import { applyPatches } from '../../src/engine/patches/index.js';
import { isGenlabGradient, isGenlabKernel } from '../../src/engine/patches/registry.js';
import { useBackend } from '../helpers/engine.js';
import { randn } from './support.js';

type Make = () => { inputs: Record<string, Tensor>; attrs: object };

/** Runs `kernel` on cpu and on wasm with identical inputs and returns max |wasm − cpu| / max(1, max |cpu|). */
async function parity(kernel: string, make: Make): Promise<number> {
  const results: Float32Array[] = [];
  for (const backend of ['cpu', 'wasm']) {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    let attrs: object = {};
    const inputs = tf.tidy(() => {
      const made = make();
      attrs = made.attrs;
      return made.inputs as tf.NamedTensorMap;
    });
    const out = tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as Tensor;
    results.push(out.dataSync() as Float32Array);
    tf.dispose([out, ...Object.values(inputs)]);
    assert.equal(tf.memory().numTensors, before, `${kernel} leaked tensors on ${backend}`);
    assert.equal(tf.engine().backend.numDataIds(), dataIds, `${kernel} leaked backend data on ${backend}`);
  }
  const [c, w] = results;
  assert.equal(w.length, c.length);
  const scale = c.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  return c.reduce((m, v, i) => Math.max(m, Math.abs(w[i] - v)), 0) / scale;
}

const convOut = (x: number[], f: number[], s: number, pad: 'same' | 'valid' | number) =>
  tf.backend_util.computeConv2DInfo(x as [number, number, number, number], f as [number, number, number, number], s, 1, pad);

for (const [h, k, s, pad] of [[7, 3, 1, 'same'], [7, 3, 2, 'same'], [7, 3, 2, 'valid'], [7, 2, 2, 'valid'], [8, 3, 3, 'same'], [6, 1, 2, 'valid'], [7, 3, 2, 1]] as const) {
  test(`wasm Conv2DBackpropFilter matches cpu: H${h} k${k} s${s} pad ${pad}`, async () => {
    const xShape = [2, h, h + 1, 3], fShape = [k, k, 3, 4];
    const info = convOut(xShape, fShape, s, pad);
    const err = await parity('Conv2DBackpropFilter', () => ({
      inputs: { x: randn(xShape, 1), dy: randn([2, info.outHeight, info.outWidth, 4], 2) },
      attrs: { strides: s, pad, dataFormat: 'NHWC', filterShape: fShape },
    }));
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
}

for (const [h, k, s, pad] of [[7, 3, 1, 'same'], [7, 3, 2, 'same'], [7, 4, 2, 'same'], [7, 3, 2, 'valid'], [8, 5, 2, 'same'], [8, 3, 3, 'same'], [6, 1, 2, 'valid'], [7, 3, 2, 1]] as const) {
  test(`wasm Conv2DBackpropInput (sub-pixel) matches cpu: H${h} k${k} s${s} pad ${pad}`, async () => {
    const xShape = [2, h, h + 1, 8], fShape = [k, k, 8, 4]; // ≥ 8 dx channels: the sub-pixel path
    const info = convOut(xShape, fShape, s, pad);
    const err = await parity('Conv2DBackpropInput', () => ({
      inputs: { dy: randn([2, info.outHeight, info.outWidth, 4], 15), filter: randn(fShape, 16) },
      attrs: { strides: s, pad, dataFormat: 'NHWC', inputShape: xShape },
    }));
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
}

for (const [s, pad] of [[1, 'same'], [2, 'same'], [2, 'valid']] as const) {
  const xShape = [2, 6, 5, 2], fShape = [3, 3, 2, 2];
  const info = () => tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], fShape as [number, number, number, number], s, 1, pad, undefined, true);
  test(`wasm DepthwiseConv2dNativeBackpropInput matches cpu: s${s} ${pad}`, async () => {
    const err = await parity('DepthwiseConv2dNativeBackpropInput', () => ({
      inputs: { dy: randn([2, info().outHeight, info().outWidth, 4], 3), filter: randn(fShape, 4) },
      attrs: { strides: s, pad, dilations: 1, inputShape: xShape },
    }));
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
  test(`wasm DepthwiseConv2dNativeBackpropFilter matches cpu: s${s} ${pad}`, async () => {
    const err = await parity('DepthwiseConv2dNativeBackpropFilter', () => ({
      inputs: { x: randn(xShape, 5), dy: randn([2, info().outHeight, info().outWidth, 4], 6) },
      attrs: { strides: s, pad, dilations: 1, filterShape: fShape },
    }));
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
}

test('wasm UnsortedSegmentSum matches cpu (negative ids dropped)', async () => {
  const err = await parity('UnsortedSegmentSum', () => ({
    inputs: { x: randn([7, 3], 7), segmentIds: tf.tensor1d([0, 3, 1, 3, -1, 0, 2], 'int32') },
    attrs: { numSegments: 5 },
  }));
  assert.ok(err < 1e-6, `relative error ${err}`);
});

test('wasm Cast to bool is x ≠ 0 as on cpu (stock wasm: 0.5 → false, 256 → false, −1 → 255), other casts unchanged', async () => {
  const odd = [0, 0.5, -0.5, -1, 256, 3e9, NaN, Infinity, -1e-30];
  for (const [dtype, from] of [['bool', 'float32'], ['bool', 'int32'], ['int32', 'float32'], ['float32', 'int32']] as const) {
    const err = await parity('Cast', () => ({ inputs: { x: tf.tensor1d(odd.map((v) => (from === 'int32' && !Number.isFinite(v) ? 7 : v)), from) }, attrs: { dtype } }));
    assert.equal(err, 0, `${from} → ${dtype}`);
  }
});

for (const [k, s, pad] of [[1, 1, 'valid'], [2, 2, 'valid'], [2, 2, 'same'], [3, 2, 'same'], [3, 1, 'same'], [4, 3, 'same']] as const) {
  test(`wasm MaxPoolGrad matches cpu on windows with negative maxima: k${k} s${s} ${pad}`, async () => {
    const err = await parity('MaxPoolGrad', () => {
      const input = tf.sub(randn([2, 6, 7, 3], 8), 1.5); // mostly negative
      const output = tf.maxPool(input as tf.Tensor4D, k, s, pad);
      return { inputs: { dy: randn(output.shape, 9), input, output }, attrs: { filterSize: k, strides: s, pad } };
    });
    assert.ok(err < 1e-6, `relative error ${err}`);
  });
}

for (const [ta, tb, aShape, bShape] of [
  [true, false, [4, 3], [4, 5]],
  [false, true, [3, 4], [5, 4]],
  [true, true, [2, 4, 3], [2, 5, 4]],
  [false, true, [2, 3, 4], [5, 4]],
] as Array<[boolean, boolean, number[], number[]]>) {
  test(`wasm BatchMatMul transposeA=${ta} transposeB=${tb} ${aShape}·${bShape} matches cpu`, async () => {
    const err = await parity('BatchMatMul', () => ({
      inputs: { a: randn(aShape, 10), b: randn(bShape, 11) },
      attrs: { transposeA: ta, transposeB: tb },
    }));
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
}

// Stock wasm _FusedMatMul applies the bias wrongly when a transpose flag is set (measured on 4.22).
test('wasm fused matMul with transposes, bias and relu matches cpu', async () => {
  const values: Float32Array[] = [];
  for (const backend of ['cpu', 'wasm']) {
    await useBackend(backend);
    const y = tf.tidy(() => tf.fused.matMul({
      a: randn([4, 3], 12) as tf.Tensor2D, b: randn([5, 4], 13) as tf.Tensor2D,
      transposeA: true, transposeB: true, bias: randn([5], 14), activation: 'relu',
    }));
    values.push(y.dataSync() as Float32Array);
    y.dispose();
  }
  const err = values[0].reduce((m, v, i) => Math.max(m, Math.abs(v - values[1][i])), 0);
  assert.ok(err < 1e-5, `max |wasm − cpu| = ${err}`);
});

test('patches are registered on wasm and applyPatches is idempotent', async () => {
  await useBackend('wasm');
  for (const k of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'UnsortedSegmentSum', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'MaxPoolGrad', 'BatchMatMul', 'Cast']) {
    assert.ok(isGenlabKernel(k, 'wasm'), `${k} not patched on wasm`);
  }
  for (const g of ['Tanh', 'Sigmoid', 'Exp', 'Elu', 'Softmax', 'Greater', 'Less', 'Equal', 'AvgPool', 'AvgPoolGrad', 'MaxPoolGrad', 'ResizeBilinearGrad', 'Conv2DBackpropFilter', 'BatchMatMul']) {
    assert.ok(isGenlabGradient(g), `${g} gradient not patched`);
  }
  const snapshot = () => tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k.kernelFunc] as const);
  const before = snapshot();
  applyPatches();
  applyPatches();
  const after = snapshot();
  assert.equal(after.length, before.length);
  const map = new Map(before);
  for (const [name, fn] of after) assert.equal(fn, map.get(name), `${name} re-registered`);
});

test('GENLAB_UNPATCHED=1 makes applyPatches a no-op', () => {
  const previous = process.env.GENLAB_UNPATCHED;
  process.env.GENLAB_UNPATCHED = '1';
  try {
    assert.equal(applyPatches(), false);
  } finally {
    if (previous === undefined) delete process.env.GENLAB_UNPATCHED;
    else process.env.GENLAB_UNPATCHED = previous;
  }
});
