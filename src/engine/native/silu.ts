// The native GenlabSilu and GenlabSiluGrad kernels: σ(x) by wasm's XNNPACK Sigmoid (faster than
// libm's expf), then one native pass for x·σ or for dy·σ·(1 + x·(1 − σ)) (native/src/unary.c).
import { tf } from '../tf.js';
import { SILU_GRAD_KERNEL, SILU_KERNEL } from '../fused-silu.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** The kernel configs registered on the native backend; `sigmoid` is wasm's Sigmoid kernel. */
export function nativeSiluKernels(blas: NativeBlas, sigmoid: tf.KernelConfig, backendName: string): tf.KernelConfig[] {
  const sigmoidOf = (x: tf.TensorInfo, backend: tf.KernelBackend) => sigmoid.kernelFunc({ inputs: { x }, backend, attrs: {} }) as tf.TensorInfo;
  const check = (kernel: string, ts: tf.TensorInfo[]) => {
    if (ts.some((t) => t.dtype !== 'float32' || !tf.util.arraysEqual(t.shape, ts[0].shape))) {
      throw new Error(`genlab native: ${kernel} needs float32 tensors of one shape; got ${JSON.stringify(ts.map((t) => [t.dtype, t.shape]))}.`);
    }
  };
  return [
    {
      kernelName: SILU_KERNEL,
      backendName,
      kernelFunc: (args) => {
        const x = args.inputs.x as tf.TensorInfo;
        check(SILU_KERNEL, [x]);
        const backend = wasmBackend(args.backend);
        const y = sigmoidOf(x, args.backend as tf.KernelBackend); // σ(x), overwritten in place by x·σ(x)
        const n = tf.util.sizeFromShape(x.shape);
        if (n > 0) blas.silu(heapOf(backend), false, n, Uint32Array.from([offsetOf(backend, x), offsetOf(backend, y), offsetOf(backend, y)]));
        return y;
      },
    },
    {
      kernelName: SILU_GRAD_KERNEL,
      backendName,
      kernelFunc: (args) => {
        const { dy, x } = args.inputs as Record<string, tf.TensorInfo>;
        check(SILU_GRAD_KERNEL, [x, dy]);
        const backend = wasmBackend(args.backend);
        const s = sigmoidOf(x, args.backend as tf.KernelBackend);
        try {
          const dx = backend.makeOutput(x.shape, 'float32');
          const n = tf.util.sizeFromShape(x.shape);
          if (n > 0) blas.silu(heapOf(backend), true, n, Uint32Array.from([dy, x, s, dx].map((t) => offsetOf(backend, t))));
          return dx;
        } finally {
          (args.backend as tf.KernelBackend).disposeData(s.dataId);
        }
      },
    },
  ];
}
