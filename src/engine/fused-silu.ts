// SiLU / swish x·σ(x) as one engine kernel ('GenlabSilu') with its gradient as another
// ('GenlabSiluGrad'): tfjs-layers' swish runs x·1, σ and a product forward and about six full-size
// kernels backward; the UNet applies it 20 times per step. Backends that register the kernels (native)
// run them; elsewhere it is x·σ(x) in tensor ops. While a tape records the backward pass (a gradient of
// a gradient) the gradient is composed of differentiable ops from x alone, so higher orders stay exact.
import { tf } from './tf.js';
import { patchGradient } from './patches/registry.js';

/** The kernels' names in the tfjs registry. */
export const SILU_KERNEL = 'GenlabSilu';
export const SILU_GRAD_KERNEL = 'GenlabSiluGrad';

const hasKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/** x·σ(x): the fused kernel where the backend has it, else two tensor ops. */
export function silu(x: tf.Tensor): tf.Tensor {
  if (hasKernel(SILU_KERNEL) && x.dtype === 'float32') return tf.engine().runKernel(SILU_KERNEL, { x }, {}) as tf.Tensor;
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

/** d/dx x·σ(x) · dy = dy·σ·(1 + x·(1 − σ)) in differentiable ops. */
export function siluGradComposed(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const s = tf.sigmoid(x);
    return tf.mul(tf.mul(dy, s), tf.add(1, tf.mul(x, tf.sub(1, s))));
  });
}

/** Registers SILU_KERNEL's gradient (global in tfjs; idempotent). */
export function registerSiluGradient(): void {
  patchGradient({
    kernelName: SILU_KERNEL,
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({
      x: () => (!tf.engine().isTapeOn() && hasKernel(SILU_GRAD_KERNEL)
        ? (tf.engine().runKernel(SILU_GRAD_KERNEL, { dy: dy as tf.Tensor, x }, {}) as tf.Tensor)
        : siluGradComposed(dy as tf.Tensor, x)),
    }),
  });
}
