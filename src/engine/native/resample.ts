// Native integer-factor resampling (native/src/resample.c): ResizeNearestNeighbor and its gradient, and
// k×k stride-k 'valid' AvgPool and its gradient — the diffusion UNet's up- and down-sampling — are
// one block copy or one block sum. Other factors, corner alignment and padded pools go to wasm.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend, wasmFallback } from './heap.js';

type Args = Parameters<tf.KernelConfig['kernelFunc']>[0];

/** [sh, sw] when big [B, H·sh, W·sw, C] is an integer multiple of small [B, H, W, C] (float32, rank 4), else null. */
function factors(small: tf.TensorInfo, bigShape: number[]): [number, number] | null {
  const s = small.shape;
  if (small.dtype !== 'float32' || s.length !== 4 || bigShape.length !== 4 || s.some((d) => d < 1)) return null;
  if (bigShape[0] !== s[0] || bigShape[3] !== s[3] || bigShape[1] % s[1] !== 0 || bigShape[2] % s[2] !== 0) return null;
  return [bigShape[1] / s[1], bigShape[2] / s[2]];
}

/** Runs the addon: up = true fills `big` from `small`, false fills `small` with block sums of `big`. */
function run(blas: Pick<NativeBlas, 'resample'>, args: Args, up: boolean, small: tf.TensorInfo, big: tf.TensorInfo, f: [number, number], scale: number): void {
  const backend = wasmBackend(args.backend);
  const [b, h, w, c] = small.shape;
  blas.resample(heapOf(backend), up, Int32Array.from([b, h, w, c, f[0], f[1]]), scale, offsetOf(backend, small), offsetOf(backend, big));
}

/** Pool window equal to its stride, no padding: the block-sum case. */
function poolFactors(attrs: Record<string, unknown>): [number, number] | null {
  const pair = (v: unknown) => (typeof v === 'number' ? [v, v] : (v as number[]));
  const [fh, fw] = pair(attrs.filterSize), [sh, sw] = pair(attrs.strides);
  const noPad = attrs.pad === 'valid' || attrs.pad === 0;
  return fh === sh && fw === sw && noPad ? [sh, sw] : null;
}

/** The native kernels by name, each given wasm's for the cases it hands back. */
export const RESAMPLE_KERNELS: Record<string, (blas: Pick<NativeBlas, 'resample'>, fallback: tf.KernelConfig | undefined) => tf.KernelConfig['kernelFunc']> = {
  ResizeNearestNeighbor: (blas, fallback) => (args) => {
    const x = args.inputs.images as tf.TensorInfo;
    const { alignCorners, size } = args.attrs as { alignCorners: boolean; size: [number, number] };
    const outShape = [x.shape[0], size[0], size[1], x.shape[3]];
    const f = alignCorners ? null : factors(x, outShape); // half-pixel centres pick the same source for integer factors
    if (!f) return wasmFallback('ResizeNearestNeighbor', fallback, args);
    const out = wasmBackend(args.backend).makeOutput(outShape, 'float32');
    run(blas, args, true, x, out, f, 1);
    return out;
  },
  ResizeNearestNeighborGrad: (blas, fallback) => (args) => {
    const { images, dy } = args.inputs as Record<string, tf.TensorInfo>;
    const f = (args.attrs as { alignCorners: boolean }).alignCorners ? null : factors(images, dy.shape);
    if (!f || dy.dtype !== 'float32') return wasmFallback('ResizeNearestNeighborGrad', fallback, args);
    const dx = wasmBackend(args.backend).makeOutput(images.shape, 'float32');
    run(blas, args, false, dx, dy, f, 1);
    return dx;
  },
  AvgPool: (blas, fallback) => (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const p = poolFactors(args.attrs as Record<string, unknown>);
    const outShape = p && x.shape.length === 4 ? [x.shape[0], x.shape[1] / p[0], x.shape[2] / p[1], x.shape[3]] : null;
    if (!p || !outShape || !outShape.every(Number.isInteger) || x.dtype !== 'float32' || outShape.some((d) => d < 1)) return wasmFallback('AvgPool', fallback, args);
    const out = wasmBackend(args.backend).makeOutput(outShape, 'float32');
    run(blas, args, false, out, x, p, 1 / (p[0] * p[1]));
    return out;
  },
  AvgPoolGrad: (blas, fallback) => (args) => {
    const { dy, input } = args.inputs as Record<string, tf.TensorInfo>;
    const p = poolFactors(args.attrs as Record<string, unknown>);
    const f = p ? factors(dy, input.shape) : null;
    if (!p || !f || f[0] !== p[0] || f[1] !== p[1]) return wasmFallback('AvgPoolGrad', fallback, args);
    const dx = wasmBackend(args.backend).makeOutput(input.shape, 'float32');
    run(blas, args, true, dy, dx, f, 1 / (p[0] * p[1]));
    return dx;
  },
};
