// The native SiLU and GELU kernels and their gradients (native/src/unary.c). SiLU takes σ(x) from wasm's
// XNNPACK Sigmoid (faster than libm's expf) and then one native pass for x·σ or dy·σ·(1 + x·(1 − σ));
// GELU is one pass of libm's erff (and expf for the gradient).
import { tf } from '../tf.js';
import { GELU_GRAD_KERNEL, GELU_KERNEL, SILU_GRAD_KERNEL, SILU_KERNEL } from '../fused-activations.js';
import type { NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

/** Activation codes of native/src/unary.h. */
const SILU = 0, GELU = 1;

function check(kernel: string, ts: tf.TensorInfo[]): void {
  if (ts.some((t) => t.dtype !== 'float32' || !tf.util.arraysEqual(t.shape, ts[0].shape))) {
    throw new Error(`genlab native: ${kernel} needs float32 tensors of one shape; got ${JSON.stringify(ts.map((t) => [t.dtype, t.shape]))}.`);
  }
}

/** The kernel configs registered on the native backend; `sigmoid` is wasm's Sigmoid kernel. */
export function nativeActivationKernels(blas: Pick<NativeBlas, 'activation'>, sigmoid: tf.KernelConfig, backendName: string): tf.KernelConfig[] {
  const sigmoidOf = (x: tf.TensorInfo, backend: tf.KernelBackend) => sigmoid.kernelFunc({ inputs: { x }, backend, attrs: {} }) as tf.TensorInfo;
  const run = (args: Parameters<tf.KernelConfig['kernelFunc']>[0], op: number, grad: boolean, ts: tf.TensorInfo[]) => {
    const backend = wasmBackend(args.backend);
    const n = tf.util.sizeFromShape(ts[0].shape);
    if (n > 0) blas.activation(heapOf(backend), op, grad, n, Uint32Array.from(ts.map((t) => offsetOf(backend, t))));
  };
  const kernel = (kernelName: string, f: tf.KernelConfig['kernelFunc']): tf.KernelConfig => ({ kernelName, backendName, kernelFunc: f });
  return [
    kernel(SILU_KERNEL, (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      check(SILU_KERNEL, [x]);
      const y = sigmoidOf(x, args.backend as tf.KernelBackend); // σ(x), overwritten in place by x·σ(x)
      run(args, SILU, false, [x, y, y]);
      return y;
    }),
    kernel(SILU_GRAD_KERNEL, (args) => {
      const { dy, x } = args.inputs as Record<string, tf.TensorInfo>;
      check(SILU_GRAD_KERNEL, [x, dy]);
      const s = sigmoidOf(x, args.backend as tf.KernelBackend);
      try {
        const dx = wasmBackend(args.backend).makeOutput(x.shape, 'float32');
        run(args, SILU, true, [dy, x, s, dx]);
        return dx;
      } finally {
        (args.backend as tf.KernelBackend).disposeData(s.dataId);
      }
    }),
    kernel(GELU_KERNEL, (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      check(GELU_KERNEL, [x]);
      const y = wasmBackend(args.backend).makeOutput(x.shape, 'float32');
      run(args, GELU, false, [x, y]);
      return y;
    }),
    kernel(GELU_GRAD_KERNEL, (args) => {
      const { dy, x } = args.inputs as Record<string, tf.TensorInfo>;
      check(GELU_GRAD_KERNEL, [x, dy]);
      const dx = wasmBackend(args.backend).makeOutput(x.shape, 'float32');
      run(args, GELU, true, [dy, x, dx]);
      return dx;
    }),
  ];
}
