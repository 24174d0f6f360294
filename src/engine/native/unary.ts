// Native elementwise kernels (native/src/unary.c): Exp, Log, Erf, Tanh, Sqrt, Softplus via libm. On 393k floats
// in one process: wasm 8.9 / 11.2 / 12.1 / 16.9 / 0.58 ms, native 3.1 / 5.7 / 7.8 / 14.5 / 0.17 ms for
// exp / log / erf / tanh / sqrt (GELU's erf and softmax's exp run in every GPT step; softplus in the
// Bernoulli VAE's loss), and LeakyRelu (wasm 4.2 ms for 400k floats, relu 0.7). Sigmoid stays on wasm,
// whose XNNPACK kernel is faster.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** Kernel names → op codes of native/src/unary.h. */
export const UNARY_OPS: Record<string, number> = { Exp: 0, Log: 1, Erf: 2, Tanh: 3, Sqrt: 4, Softplus: 5, LeakyRelu: 6 };

/** The native kernel for one of UNARY_OPS; non-float32 inputs go to wasm's kernel `fallback`. */
export function nativeUnary(blas: Pick<NativeBlas, 'unary'>, kernelName: string, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  const op = UNARY_OPS[kernelName];
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype !== 'float32') {
      if (!fallback) throw new Error(`genlab native: ${kernelName} supports float32 only, got ${x.dtype}.`);
      return fallback.kernelFunc(args);
    }
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(x.shape, 'float32');
    const n = x.shape.reduce((p, d) => p * d, 1);
    const param = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0; // LeakyRelu's slope
    blas.unary(heapOf(backend), op, n, param, offsetOf(backend, x), offsetOf(backend, out));
    return out;
  };
}
