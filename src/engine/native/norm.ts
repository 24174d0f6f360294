// Native FusedBatchNorm (native/src/norm.c) for per-channel statistics over the last axis — batch norm
// of NHWC activations and of dense features; anything else goes to the wasm kernel.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend, wasmFallback } from './heap.js';

/** Offset the addon reads as "operand absent". */
const ABSENT = 0xffffffff;

/** True when `t` holds exactly one float32 value per channel (shape [C] or [1, …, 1, C]). */
function perChannel(t: tf.TensorInfo | undefined, channels: number): boolean {
  if (!t) return true;
  const s = t.shape;
  return t.dtype === 'float32' && s.length >= 1 && s[s.length - 1] === channels && s.every((d, i) => i === s.length - 1 || d === 1);
}

/** FusedBatchNorm on the native backend; `fallback` is wasm's kernel. */
export function nativeBatchNorm(blas: Pick<NativeBlas, 'batchNorm'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const { x, mean, variance, offset, scale } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const channels = x!.shape[x!.shape.length - 1] ?? 0;
    const ok = x!.dtype === 'float32' && x!.shape.length >= 1 && [mean, variance].every((t) => t && perChannel(t, channels)) &&
      perChannel(offset, channels) && perChannel(scale, channels);
    if (!ok) return wasmFallback('FusedBatchNorm', fallback, args);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(x!.shape, 'float32');
    const size = tf.util.sizeFromShape(x!.shape);
    if (size === 0) return out;
    const at = (t: tf.TensorInfo | undefined) => (t ? offsetOf(backend, t) : ABSENT);
    const eps = (args.attrs as { varianceEpsilon: number }).varianceEpsilon;
    blas.batchNorm(heapOf(backend), size / channels, channels, eps, Uint32Array.from([at(x), at(mean), at(variance), at(offset), at(scale), at(out)]));
    return out;
  };
}
