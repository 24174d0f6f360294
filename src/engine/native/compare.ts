// Native Greater / GreaterEqual / Less / LessEqual for float32 against a same-shape tensor or a scalar
// (native/src/compare.c): the masks of leakyRelu, relu6 and clip gradients. wasm's took 3.5–5.4 ms for
// 400k floats; other broadcasts and dtypes go to the wasm kernel.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** Kernel names → op codes of native/src/unary.h. */
export const COMPARE_OPS: Record<string, number> = { Greater: 0, GreaterEqual: 1, Less: 2, LessEqual: 3 };

const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/** The native kernel for one of COMPARE_OPS; `fallback` is wasm's. */
export function nativeCompare(blas: NativeBlas, kernelName: string, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  const op = COMPARE_OPS[kernelName];
  return (args) => {
    const a = args.inputs.a as tf.TensorInfo, b = args.inputs.b as tf.TensorInfo;
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    const scalar = size(b.shape) === 1 && b.shape.length <= a.shape.length; // output keeps a's shape
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !(same || scalar)) {
      if (!fallback) throw new Error(`genlab native: ${kernelName} of ${a.dtype} ${JSON.stringify(a.shape)} and ${b.dtype} ${JSON.stringify(b.shape)} has no kernel.`);
      return fallback.kernelFunc(args);
    }
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(a.shape, 'bool');
    blas.compare(heapOf(backend), op, size(a.shape), offsetOf(backend, a), offsetOf(backend, b), !same, offsetOf(backend, out));
    return out;
  };
}
