// The native GenlabAdam kernel (native/src/optim.c): one pass over weights, gradient and moments.
import { tf } from '../tf.js';
import { ADAM_KERNEL, type AdamConstants } from '../fused-adam.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** The kernel config registered on the native backend. */
export function nativeAdamKernel(blas: Pick<NativeBlas, 'adam'>, backendName: string): tf.KernelConfig {
  return {
    kernelName: ADAM_KERNEL,
    backendName,
    kernelFunc: (args) => {
      const { v, g, m, s } = args.inputs as Record<string, tf.TensorInfo>;
      const c = args.attrs as unknown as AdamConstants;
      for (const t of [v, g, m, s]) {
        if (t.dtype !== 'float32') throw new Error(`genlab native: ${ADAM_KERNEL} needs float32 tensors, got ${t.dtype}.`);
        if (!tf.util.arraysEqual(t.shape, v.shape)) throw new Error(`genlab native: ${ADAM_KERNEL} shapes differ: ${JSON.stringify(t.shape)} vs ${JSON.stringify(v.shape)}.`);
      }
      const backend = wasmBackend(args.backend);
      const outs = [backend.makeOutput(v.shape, 'float32'), backend.makeOutput(v.shape, 'float32'), backend.makeOutput(v.shape, 'float32')];
      const n = tf.util.sizeFromShape(v.shape);
      if (n === 0) return outs;
      const offsets = Uint32Array.from([v, g, m, s, ...outs].map((t) => offsetOf(backend, t)));
      const params = Float64Array.from([c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.biasCorrection1, c.biasCorrection2, c.eps, c.lr, c.l2, c.decoupled, c.l2 > 0 ? 1 : 0, c.decoupled > 0 ? 1 : 0]);
      blas.adam(heapOf(backend), n, offsets, params);
      return outs;
    },
  };
}
