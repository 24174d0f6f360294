// Native Sum and Mean over leading or trailing axes (batch-norm statistics, bias gradients, losses):
// one sgemv with a ones vector on the wasm heap (native/src/reduce.c); other axis sets, dtypes and
// empty means go to the wasm kernel.
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

/** The native kernel for 'Sum' or 'Mean'; `fallback` is wasm's. */
export function nativeReduce(blas: NativeBlas, kernelName: 'Sum' | 'Mean', fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const m = x.dtype === 'float32' ? asMatrix(x.shape, axes) : null;
    const reduced = m ? (m[2] ? m[0] : m[1]) : 0;
    if (!m || (kernelName === 'Mean' && reduced === 0)) {
      if (!fallback) throw new Error(`genlab native: ${kernelName} over axes ${JSON.stringify(axes)} of ${x.dtype} has no kernel.`);
      return fallback.kernelFunc(args);
    }
    const [rows, cols, overRows] = m;
    const outShape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(outShape, 'float32');
    const scale = kernelName === 'Mean' ? 1 / reduced : 1;
    blas.reduceSum(heapOf(backend), overRows, rows, cols, scale, offsetOf(backend, x), offsetOf(backend, out));
    return out;
  };
}
