// SiLU x·σ(x) and the exact GELU x·Φ(x) as engine kernels ('GenlabSilu', 'GenlabGelu') with their
// gradients as kernels too ('…Grad'): composed, each costs 3–4 full-size kernels forward and 6–8
// backward (the UNet applies SiLU 20 times per step, a GPT block GELU once per layer). Backends that
// register the kernels (native) run them; elsewhere they are the composed tensor ops. While a tape
// records the backward pass (a gradient of a gradient) the gradients are composed of differentiable ops
// of x alone, so higher orders stay exact.
import { tf } from './tf.js';
import { patchGradient } from './patches/registry.js';

/** The kernels' names in the tfjs registry. */
export const SILU_KERNEL = 'GenlabSilu';
export const SILU_GRAD_KERNEL = 'GenlabSiluGrad';
export const GELU_KERNEL = 'GenlabGelu';
export const GELU_GRAD_KERNEL = 'GenlabGeluGrad';

const hasKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/** Runs `kernel` when the backend has it (float32 only), else the composed form. */
function fusedOr(kernel: string, x: tf.Tensor, composed: () => tf.Tensor): tf.Tensor {
  if (hasKernel(kernel) && x.dtype === 'float32') return tf.engine().runKernel(kernel, { x }, {}) as tf.Tensor;
  return tf.tidy(composed);
}

/** SiLU / swish x·σ(x). */
export function silu(x: tf.Tensor): tf.Tensor {
  return fusedOr(SILU_KERNEL, x, () => tf.mul(x, tf.sigmoid(x)));
}

/** GELU(x) = x·Φ(x) = ½·x·(1 + erf(x/√2)) (torch.nn.GELU()). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return fusedOr(GELU_KERNEL, x, () => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}

/** dy·σ·(1 + x·(1 − σ)), the SiLU gradient, in differentiable ops. */
export function siluGradComposed(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const s = tf.sigmoid(x);
    return tf.mul(tf.mul(dy, s), tf.add(1, tf.mul(x, tf.sub(1, s))));
  });
}

/** dy·(Φ(x) + x·φ(x)), the GELU gradient, in differentiable ops. */
export function geluGradComposed(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const cdf = tf.mul(tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = tf.mul(tf.exp(tf.mul(tf.square(x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return tf.mul(dy, tf.add(cdf, tf.mul(x, pdf)));
  });
}

/** The gradient config of `kernel`: its gradient kernel unless a tape records the backward pass. */
function gradient(kernel: string, gradKernel: string, composed: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return {
    kernelName: kernel,
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({
      x: () => (!tf.engine().isTapeOn() && hasKernel(gradKernel)
        ? (tf.engine().runKernel(gradKernel, { dy: dy as tf.Tensor, x }, {}) as tf.Tensor)
        : composed(dy as tf.Tensor, x)),
    }),
  };
}

/** Registers the gradients of SILU_KERNEL and GELU_KERNEL (global in tfjs; idempotent). */
export function registerActivationGradients(): void {
  patchGradient(gradient(SILU_KERNEL, SILU_GRAD_KERNEL, siluGradComposed));
  patchGradient(gradient(GELU_KERNEL, GELU_GRAD_KERNEL, geluGradComposed));
}
