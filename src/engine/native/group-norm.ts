// The native GenlabGroupNorm and GenlabGroupNormGrad kernels (native/src/norm.c): per-example,
// per-group statistics in float64 and the normalised output, or dx, dγ, dβ, in one call each.
import { tf } from '../tf.js';
import { GROUP_NORM_GRAD_KERNEL, GROUP_NORM_KERNEL } from '../fused-group-norm.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** Checks x [B,H,W,C] and per-channel vectors, all float32, and the group count; returns [B, H·W, C]. */
function geometry(kernel: string, x: tf.TensorInfo, perChannel: tf.TensorInfo[], groups: number, extra: tf.TensorInfo[] = []): [number, number, number] {
  const c = x.shape[3];
  if (x.shape.length !== 4 || [x, ...perChannel, ...extra].some((t) => t.dtype !== 'float32') || perChannel.some((t) => t.shape.join() !== `${c}`) ||
    extra.some((t) => !tf.util.arraysEqual(t.shape, x.shape))) {
    throw new Error(`genlab native: ${kernel} needs float32 x [B,H,W,C] with per-channel [C] vectors; got ${JSON.stringify([x, ...perChannel, ...extra].map((t) => t.shape))}.`);
  }
  if (!(groups > 0) || c % groups !== 0) throw new Error(`genlab native: ${c} channels are not divisible into ${groups} groups.`);
  return [x.shape[0], x.shape[1] * x.shape[2], c];
}

/** The kernel configs registered on the native backend. */
export function nativeGroupNormKernels(blas: Pick<NativeBlas, 'groupNorm'>, backendName: string): tf.KernelConfig[] {
  return [
    {
      kernelName: GROUP_NORM_KERNEL,
      backendName,
      kernelFunc: (args) => {
        const { x, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
        const { groups, epsilon } = args.attrs as { groups: number; epsilon: number };
        const [b, p, c] = geometry(GROUP_NORM_KERNEL, x, [gamma, beta], groups);
        const backend = wasmBackend(args.backend);
        const out = backend.makeOutput(x.shape, 'float32');
        if (b * p * c === 0) return out;
        blas.groupNorm(heapOf(backend), false, b, p, c, groups, epsilon, Uint32Array.from([x, gamma, beta, out].map((t) => offsetOf(backend, t))));
        return out;
      },
    },
    {
      kernelName: GROUP_NORM_GRAD_KERNEL,
      backendName,
      kernelFunc: (args) => {
        const { dy, x, gamma } = args.inputs as Record<string, tf.TensorInfo>;
        const { groups, epsilon } = args.attrs as { groups: number; epsilon: number };
        const [b, p, c] = geometry(GROUP_NORM_GRAD_KERNEL, x, [gamma], groups, [dy]);
        const backend = wasmBackend(args.backend);
        const outs = [backend.makeOutput(x.shape, 'float32'), backend.makeOutput([c], 'float32'), backend.makeOutput([c], 'float32')];
        if (c === 0) return outs; // an empty batch still gets dγ = dβ = 0 from the kernel
        blas.groupNorm(heapOf(backend), true, b, p, c, groups, epsilon, Uint32Array.from([dy, x, gamma, ...outs].map((t) => offsetOf(backend, t))));
        return outs;
      },
    },
  ];
}
