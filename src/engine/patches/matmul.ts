// Matmul speed patch: wasm's BatchMatMul with transposeA/B is ~10× slower than an explicit transpose
// plus a plain matmul (measured, tfjs 4.22 + XNNPACK), so the gradient and the wasm kernel use that.
import { tf, type Tensor } from '../tf.js';
import { patchGradient, patchKernel } from './registry.js';
import { unbroadcast } from './second-order.js';

/** Swaps the last two axes: [..., r, c] → [..., c, r]. */
export function swapLast(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(x, perm);
}

/** Registers a BatchMatMul gradient built from explicit transposes and plain matmuls. */
export function patchMatMulGradient(): void {
  patchGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b], attrs) => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const d = dy as Tensor; // [..., m, n] for C = op(a) · op(b)
      const mm = (x: Tensor, y: Tensor) => tf.matMul(x, y);
      return {
        // dA = dy · op(b)ᵀ, laid out as a (transposed back when transposeA).
        a: () => {
          const g = !transposeA
            ? mm(d, transposeB ? b : swapLast(b))
            : mm(transposeB ? swapLast(b) : b, swapLast(d));
          return unbroadcast(g, a.shape);
        },
        // dB = op(a)ᵀ · dy, laid out as b.
        b: () => {
          const g = !transposeB
            ? mm(transposeA ? a : swapLast(a), d)
            : mm(swapLast(d), transposeA ? swapLast(a) : a);
          return unbroadcast(g, b.shape);
        },
      };
    },
  });
}

/** Wraps wasm's BatchMatMul and _FusedMatMul so transposed operands are transposed explicitly first. */
export function patchWasmMatMul(): void {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return;
  for (const kernelName of ['BatchMatMul', '_FusedMatMul']) {
    if (!tf.getKernel(kernelName, 'wasm')) continue;
    patchKernel(kernelName, 'wasm', (previous) => (args) => {
      const prev = previous as tf.KernelConfig;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return prev.kernelFunc(args);
      const backend = args.backend as tf.KernelBackend;
      const temps: tf.TensorInfo[] = [];
      const swap = (t: tf.TensorInfo): tf.TensorInfo => {
        const perm = t.shape.map((_, i) => i);
        const r = perm.length;
        [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
        const out = transpose.kernelFunc({ inputs: { x: t }, attrs: { perm }, backend }) as tf.TensorInfo;
        temps.push(out);
        return out;
      };
      const inputs = { ...args.inputs };
      if (transposeA) inputs.a = swap(inputs.a as tf.TensorInfo);
      if (transposeB) inputs.b = swap(inputs.b as tf.TensorInfo);
      try {
        return prev.kernelFunc({ inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false }, backend });
      } finally {
        for (const t of temps) backend.disposeData(t.dataId);
      }
    });
  }
}
