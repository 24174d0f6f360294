// Native Concat and SplitV as strided row copies (native/src/copy.c): along axis a, each operand is one
// contiguous run of prod(shape[a:]) elements per index of the axes before a. wasm's SplitV slices element
// by element (16.6 ms for the UNet attention's [12544, 96] → 3 × [12544, 32]). Strings and complex
// numbers go to the wasm kernels.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend, wasmFallback } from './heap.js';

const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };
const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/** Rows (product of the axes before `axis`) and elements per row from `axis` on. */
function rowsAndRun(shape: number[], axis: number): [number, number] {
  return [size(shape.slice(0, axis)), size(shape.slice(axis))];
}

/** Concat of same-dtype numeric tensors along any axis. */
export function nativeConcat(blas: Pick<NativeBlas, 'copyRows'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const xs = Object.values(args.inputs) as tf.TensorInfo[];
    const bytes = BYTES[xs[0]?.dtype];
    if (!bytes || xs.some((t) => t.dtype !== xs[0].dtype)) return wasmFallback('Concat', fallback, args);
    const axis = tf.util.parseAxisParam((args.attrs as { axis: number | number[] }).axis, xs[0].shape)[0];
    const outShape = tf.backend_util.computeOutShape(xs.map((t) => t.shape), axis);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(outShape, xs[0].dtype);
    const [rows, outRun] = rowsAndRun(outShape, axis);
    if (rows * outRun === 0) return out;
    const outOff = offsetOf(backend, out);
    let col = 0; // elements of each output row already written
    for (const x of xs) {
      const run = rowsAndRun(x.shape, axis)[1];
      if (run === 0) continue;
      blas.copyRows(heapOf(backend), rows, run * bytes, offsetOf(backend, x), run * bytes, outOff + col * bytes, outRun * bytes);
      col += run;
    }
    return out;
  };
}

/** SplitV of a numeric tensor along any axis into the sizes tfjs resolves. */
export function nativeSplitV(blas: Pick<NativeBlas, 'copyRows'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const bytes = BYTES[x.dtype];
    if (!bytes) return wasmFallback('SplitV', fallback, args);
    const { numOrSizeSplits, axis: axisAttr } = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
    const axis = tf.util.parseAxisParam(axisAttr, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, axis);
    const backend = wasmBackend(args.backend);
    const [rows, inRun] = rowsAndRun(x.shape, axis);
    const inner = size(x.shape.slice(axis + 1));
    const outs: tf.TensorInfo[] = [];
    let col = 0;
    for (const s of sizes) {
      const shape = x.shape.slice();
      shape[axis] = s;
      const out = backend.makeOutput(shape, x.dtype);
      const run = s * inner;
      if (rows * run > 0) blas.copyRows(heapOf(backend), rows, run * bytes, offsetOf(backend, x) + col * bytes, inRun * bytes, offsetOf(backend, out), run * bytes);
      col += run;
      outs.push(out);
    }
    return outs;
  };
}
