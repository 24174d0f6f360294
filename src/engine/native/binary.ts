// Native broadcasting Add / Sub / Multiply / RealDiv / SquaredDifference for float32 (native/src/binary.c).
// tfjs-wasm's broadcasting path indexes every element separately: in a DDPM UNet training step the
// group-norm arithmetic ([B,HW,G,C/G] against [B,1,G,1]) and its gradient were ~40 % of the step.
// Shapes are broadcast, size-1 dims dropped and contiguous runs merged down to ≤ 4 dims; anything
// else (int32, more dims after merging) goes to the wasm kernel.
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** Kernel names → op codes of native/src/binary.h. */
export const BINARY_OPS: Record<string, number> = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3, SquaredDifference: 4 };

const MAX_RANK = 4;

/** Element strides of `shape` inside the broadcast `out` shape (right-aligned; 0 where it broadcasts). */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    const o = out.length - shape.length + k;
    strides[o] = shape[k] === 1 ? 0 : s;
    s *= shape[k];
  }
  return strides;
}

/**
 * [shape, aStrides, bStrides] with size-1 dims dropped and each dim merged into the next when both
 * operands step through them contiguously (or both broadcast), left-padded to MAX_RANK; null if longer.
 */
export function collapseBroadcast(aShape: number[], bShape: number[], out: number[]): [number[], number[], number[]] | null {
  const sa = broadcastStrides(aShape, out), sb = broadcastStrides(bShape, out);
  const dims: Array<[number, number, number]> = [];
  for (let k = 0; k < out.length; k++) if (out[k] !== 1) dims.push([out[k], sa[k], sb[k]]);
  const merged: Array<[number, number, number]> = [];
  for (const d of dims) {
    const last = merged[merged.length - 1];
    // last (outer) merges into d (inner) when stepping the outer dim = stepping d's full extent
    if (last && last[1] === d[1] * d[0] && last[2] === d[2] * d[0]) merged[merged.length - 1] = [last[0] * d[0], d[1], d[2]];
    else merged.push(d);
  }
  if (merged.length > MAX_RANK) return null;
  while (merged.length < MAX_RANK) merged.unshift([1, 0, 0]);
  return [merged.map((d) => d[0]), merged.map((d) => d[1]), merged.map((d) => d[2])];
}

/** The native kernel for one of BINARY_OPS; `fallback` is wasm's. */
export function nativeBinary(blas: Pick<NativeBlas, 'binary'>, kernelName: string, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  const op = BINARY_OPS[kernelName];
  return (args) => {
    const a = args.inputs.a as tf.TensorInfo, b = args.inputs.b as tf.TensorInfo;
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const geom = a.dtype === 'float32' && b.dtype === 'float32' ? collapseBroadcast(a.shape, b.shape, outShape) : null;
    if (!geom) {
      if (!fallback) throw new Error(`genlab native: ${kernelName} of ${a.dtype} ${JSON.stringify(a.shape)} and ${b.dtype} ${JSON.stringify(b.shape)} has no kernel.`);
      return fallback.kernelFunc(args);
    }
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(outShape, 'float32');
    if (outShape.some((d) => d === 0)) return out;
    blas.binary(heapOf(backend), op, Int32Array.from(geom.flat()), offsetOf(backend, a), offsetOf(backend, b), offsetOf(backend, out));
    return out;
  };
}
