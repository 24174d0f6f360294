// Native Tile: block copies on the wasm heap (native/src/tile.c). Tile is what every Sum/Mean gradient
// broadcasts with; wasm's per-element kernel took 90 ms for [1,1,1,64] → [64,14,14,64] (DCGAN batch norm).
import { tf } from '../tf.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

const ELEMENT_BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** Tile on the heap; other dtypes (string, complex) go to the wasm kernel `fallback`. */
export function nativeTile(blas: Pick<NativeBlas, 'tile'>, fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const reps = (args.attrs as { reps: number[] }).reps;
    const eb = ELEMENT_BYTES[x.dtype];
    if (!eb || x.shape.length > 8) {
      if (!fallback) throw new Error(`genlab native: Tile supports float32/int32/bool up to rank 8, got ${x.dtype} rank ${x.shape.length}.`);
      return fallback.kernelFunc(args);
    }
    if (reps.length !== x.shape.length) {
      throw new Error(`genlab native: Tile needs one rep per axis: shape ${JSON.stringify(x.shape)}, reps ${JSON.stringify(reps)}.`);
    }
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(x.shape.map((d, i) => d * reps[i]), x.dtype);
    blas.tile(heapOf(backend), eb, Int32Array.from(x.shape), Int32Array.from(reps), offsetOf(backend, x), offsetOf(backend, out));
    return out;
  };
}
