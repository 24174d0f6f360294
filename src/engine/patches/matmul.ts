// Matmul speed patch: wasm's BatchMatMul with transposeA/B is ~10× slower than an explicit transpose
// plus a plain matmul (measured, tfjs 4.22 + XNNPACK), so the gradient and the wasm kernel use that —
// except on backends whose matmul takes transposes for free (native BLAS), where the flags are kept.
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

/** Backends whose BatchMatMul handles transposeA/B at no extra cost (the native backend adds itself). */
const freeTransposeBackends = new Set<string>();

/** Declares that `backendName`'s BatchMatMul takes transposed operands as fast as plain ones. */
export function markFreeTransposeMatMul(backendName: string): void {
  freeTransposeBackends.add(backendName);
}

/** op(x)·op(y): transpose flags where the active backend takes them for free, else explicit transposes. */
function matMulT(x: Tensor, tx: boolean, y: Tensor, ty: boolean): Tensor {
  if (freeTransposeBackends.has(tf.getBackend())) return tf.matMul(x, y, tx, ty);
  return tf.matMul(tx ? swapLast(x) : x, ty ? swapLast(y) : y);
}

/** Registers a BatchMatMul gradient built from plain matmuls (explicit transposes where those are faster). */
export function patchMatMulGradient(): void {
  patchGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b], attrs) => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const d = dy as Tensor; // [..., m, n] for C = op(a) · op(b)
      return {
        // dA = dy · op(b)ᵀ, laid out as a (transposed back when transposeA: op(b) · dyᵀ).
        a: () => unbroadcast(!transposeA ? matMulT(d, false, b, !transposeB) : matMulT(b, transposeB, d, true), a.shape),
        // dB = op(a)ᵀ · dy, laid out as b (transposed back when transposeB: dyᵀ · op(a)).
        b: () => unbroadcast(!transposeB ? matMulT(a, !transposeA, d, false) : matMulT(d, true, a, transposeA), b.shape),
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
