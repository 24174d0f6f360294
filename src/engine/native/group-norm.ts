// The native GenlabGroupNorm kernel (native/src/norm.c): per-example, per-group statistics in float64
// and the normalised, scaled output in one call.
import { tf } from '../tf.js';
import { GROUP_NORM_KERNEL } from '../fused-group-norm.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** The kernel config registered on the native backend. */
export function nativeGroupNormKernel(blas: NativeBlas, backendName: string): tf.KernelConfig {
  return {
    kernelName: GROUP_NORM_KERNEL,
    backendName,
    kernelFunc: (args) => {
      const { x, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
      const { groups, epsilon } = args.attrs as { groups: number; epsilon: number };
      const c = x.shape[3];
      if (x.shape.length !== 4 || [x, gamma, beta].some((t) => t.dtype !== 'float32') || gamma.shape.join() !== `${c}` || beta.shape.join() !== `${c}`) {
        throw new Error(`genlab native: ${GROUP_NORM_KERNEL} needs float32 x [B,H,W,C] with γ, β [C]; got ${JSON.stringify([x.shape, gamma.shape, beta.shape])}.`);
      }
      if (!(groups > 0) || c % groups !== 0) throw new Error(`genlab native: ${c} channels are not divisible into ${groups} groups.`);
      const backend = wasmBackend(args.backend);
      const out = backend.makeOutput(x.shape, 'float32');
      if (tf.util.sizeFromShape(x.shape) === 0) return out;
      const offsets = Uint32Array.from([x, gamma, beta, out].map((t) => offsetOf(backend, t)));
      blas.groupNorm(heapOf(backend), x.shape[0], x.shape[1] * x.shape[2], c, groups, epsilon, offsets);
      return out;
    },
  };
}
