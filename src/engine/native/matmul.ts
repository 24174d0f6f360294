// Native BatchMatMul and _FusedMatMul: OpenBLAS sgemm straight on the wasm heap, transposes passed to
// BLAS (no explicit transpose), broadcast batch dims mapped to per-matrix offsets, one addon call per op.
import { tf } from '../tf.js';
import { compositeKernel } from '../patches/registry.js';
import { fusedEpilogue } from './activation.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Byte offsets of each output matrix's operand in a (possibly broadcast) batch of `shape`'s leading dims. */
function batchOffsets(base: number, batchShape: number[], outBatch: number[], matrixBytes: number): Uint32Array {
  const total = outBatch.reduce((p, d) => p * d, 1);
  const pad = outBatch.length - batchShape.length;
  const strides = new Array<number>(batchShape.length); // in matrices; 0 where broadcast
  for (let i = batchShape.length - 1, s = 1; i >= 0; i--) {
    strides[i] = batchShape[i] === 1 ? 0 : s;
    s *= batchShape[i];
  }
  const out = new Uint32Array(total);
  for (let flat = 0; flat < total; flat++) {
    let rest = flat, index = 0;
    for (let d = outBatch.length - 1; d >= 0; d--) {
      const coord = rest % outBatch[d];
      rest = (rest - coord) / outBatch[d];
      if (d >= pad) index += coord * strides[d - pad];
    }
    out[flat] = base + index * matrixBytes;
  }
  return out;
}

/** BatchMatMul on the heap via sgemm; non-float32 inputs go to the wasm kernel `fallback`. */
export function nativeBatchMatMul(blas: Pick<NativeBlas, 'sgemm'>, fallback: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const a = args.inputs.a as tf.TensorInfo, b = args.inputs.b as tf.TensorInfo;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') {
      if (!fallback) throw new Error(`genlab native: BatchMatMul supports float32 only, got ${a.dtype} × ${b.dtype}.`);
      return fallback.kernelFunc(args);
    }
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const ra = a.shape.length, rb = b.shape.length;
    const [m, ka] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
    const [kb, n] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
    if (ka !== kb) {
      throw new Error(`genlab native: matMul inner dimensions differ: a ${JSON.stringify(a.shape)} (transposeA=${transposeA}) × b ${JSON.stringify(b.shape)} (transposeB=${transposeB}).`);
    }
    const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
    const outBatch = tf.broadcast_util.assertAndGetBroadcastShape(batchA, batchB);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput([...outBatch, m, n], 'float32'); // [...batch, m, n]
    const aOff = batchOffsets(offsetOf(backend, a), batchA, outBatch, m * ka * 4);
    const bOff = batchOffsets(offsetOf(backend, b), batchB, outBatch, ka * n * 4);
    const cOff = batchOffsets(offsetOf(backend, out), outBatch, outBatch, m * n * 4);
    blas.sgemm(heapOf(backend), transposeA, transposeB, m, n, ka, aOff, bOff, cOff);
    return out;
  };
}

/** _FusedMatMul as the native matmul followed by the bias add and activation (wasm's elementwise kernels). */
export function nativeFusedMatMul(): KernelFunc {
  return compositeKernel((t, attrs) => {
    const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as { transposeA: boolean; transposeB: boolean; activation?: string; leakyreluAlpha?: number };
    const y = tf.matMul(t.a, t.b, transposeA, transposeB); // runs the native BatchMatMul
    return fusedEpilogue(y, { activation, leakyreluAlpha, bias: t.bias, preluActivationWeights: t.preluActivationWeights });
  });
}
