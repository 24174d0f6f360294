// Native Sum and Mean (native/src/reduce.c): over leading or trailing axes (batch-norm statistics, bias
// gradients, losses) one sgemv with a ones vector; over other axis sets (group-norm statistics over
// [B,HW,G,C/G] axes 1 and 3, and the gradients of ops broadcasting against them — wasm transposes the
// reduced axes innermost first, copying the whole activation) one strided pass with float64 sums.
// Other dtypes, more than 4 alternating axis runs and empty means go to the wasm kernel.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** [rows, cols, overRows] when `axes` (sorted, unique) are the leading or the trailing axes of `shape`. */
function asMatrix(shape: number[], axes: number[]): [number, number, boolean] | null {
  const k = axes.length, r = shape.length;
  if (k === 0) return null;
  const size = (dims: number[]) => dims.reduce((p, d) => p * d, 1);
  if (axes.every((a, i) => a === i)) return [size(shape.slice(0, k)), size(shape.slice(k)), true];
  if (axes.every((a, i) => a === r - k + i)) return [size(shape.slice(0, r - k)), size(shape.slice(r - k)), false];
  return null;
}

/**
 * [shape, outStrides] of x collapsed to 4 dims: size-1 dims dropped, neighbouring reduced (or kept) dims
 * merged, kept dims striding through the output, reduced ones 0; null when more than 4 runs remain.
 */
export function reduceGeometry(shape: number[], axes: number[]): [number[], number[]] | null {
  const runs: Array<[number, boolean]> = [];
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 1) continue;
    const reduced = axes.includes(k), last = runs[runs.length - 1];
    if (last && last[1] === reduced) last[0] *= shape[k];
    else runs.push([shape[k], reduced]);
  }
  if (runs.length > 4) return null;
  while (runs.length < 4) runs.unshift([1, true]);
  const strides = new Array<number>(4).fill(0);
  let s = 1;
  for (let k = 3; k >= 0; k--) {
    if (runs[k][1]) continue;
    strides[k] = s;
    s *= runs[k][0];
  }
  return [runs.map((r) => r[0]), strides];
}

/** The native kernel for 'Sum' or 'Mean'; `fallback` is wasm's. */
export function nativeReduce(blas: Pick<NativeBlas, 'reduceSum' | 'reduceStrided'>, kernelName: 'Sum' | 'Mean', fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const float = x.dtype === 'float32' && axes.length > 0;
    const m = float ? asMatrix(x.shape, axes) : null;
    const strided = float && !m ? reduceGeometry(x.shape, axes) : null;
    const reduced = axes.reduce((p, a) => p * x.shape[a], 1);
    if (!(m || strided) || (kernelName === 'Mean' && reduced === 0)) {
      if (!fallback) throw new Error(`genlab native: ${kernelName} over axes ${JSON.stringify(axes)} of ${x.dtype} has no kernel.`);
      return fallback.kernelFunc(args);
    }
    const outShape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(outShape, 'float32');
    const scale = kernelName === 'Mean' ? 1 / reduced : 1;
    if (m) blas.reduceSum(heapOf(backend), m[2], m[0], m[1], scale, offsetOf(backend, x), offsetOf(backend, out));
    else {
      const [shape, strides] = strided!;
      const outLen = outShape.reduce((p, d) => p * d, 1);
      blas.reduceStrided(heapOf(backend), Int32Array.from([...shape, ...strides]), outLen, scale, offsetOf(backend, x), offsetOf(backend, out));
    }
    return out;
  };
}
