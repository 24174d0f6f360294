// Native Select (tf.where), Cast between float32 / int32 / bool and LogicalNot (native/src/select.c):
// wasm's Select took ~2.3 ns per element and its casts 0.1–0.5 ms each; a WGAN-GP critic step runs ~15
// Selects and ~40 casts through the masks of leakyRelu gradients and their second-order patches.
// Other dtypes and broadcasting Selects go to the wasm kernel.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend, wasmFallback } from './heap.js';
import { sharedIdentity } from './identity.js';

/** Dtype codes of native/src/select.h. */
const DTYPE_CODES: Partial<Record<tf.DataType, number>> = { float32: 0, int32: 1, bool: 2 };
const BOOL = 2;

const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Select(condition, t, e) for same-shape float32 / int32 operands; the rest goes to `fallback`. */
export function nativeSelect(blas: Pick<NativeBlas, 'select' | 'cast'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const { condition, t, e } = args.inputs as Record<string, tf.TensorInfo>;
    const fourBytes = t.dtype === e.dtype && (t.dtype === 'float32' || t.dtype === 'int32');
    if (!fourBytes || condition.dtype !== 'bool' || !sameShape(condition.shape, t.shape) || !sameShape(t.shape, e.shape)) {
      return wasmFallback('Select', fallback, args);
    }
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(t.shape, t.dtype);
    blas.select(heapOf(backend), size(t.shape), offsetOf(backend, condition), offsetOf(backend, t), offsetOf(backend, e), offsetOf(backend, out));
    return out;
  };
}

/** Cast among float32 / int32 / bool (same dtype: a shared identity); the rest goes to `fallback`. */
export function nativeCast(blas: Pick<NativeBlas, 'select' | 'cast'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  const identity = sharedIdentity(fallback);
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const to = (args.attrs as { dtype: tf.DataType }).dtype;
    const fromCode = DTYPE_CODES[x.dtype], toCode = DTYPE_CODES[to];
    if (fromCode === undefined || toCode === undefined) return wasmFallback('Cast', fallback, args);
    if (fromCode === toCode) return identity(args);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(x.shape, to);
    blas.cast(heapOf(backend), fromCode, toCode, size(x.shape), offsetOf(backend, x), offsetOf(backend, out));
    return out;
  };
}

/** LogicalNot of a bool tensor. */
export function nativeLogicalNot(blas: Pick<NativeBlas, 'select' | 'cast'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype !== 'bool') return wasmFallback('LogicalNot', fallback, args);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(x.shape, 'bool');
    blas.cast(heapOf(backend), BOOL, BOOL, size(x.shape), offsetOf(backend, x), offsetOf(backend, out));
    return out;
  };
}
