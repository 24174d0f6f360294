// Group norm as one engine kernel ('GenlabGroupNorm'), with its gradient as one more
// ('GenlabGroupNormGrad'): the composed form runs ~10 kernels forward and ~25 backward (reshape,
// moments, subtract, divide, scale, shift and their adjoints) — about 80 ms of a 64-image DDIM step and
// 100 ms of a training step of the MNIST UNet on native. Backends that register the kernels (native)
// run them; the layer composes tensor ops elsewhere.
// Higher-order gradients stay exact: while a tape records the backward pass (a gradient of a gradient),
// the gradient is the closed form below in differentiable tensor ops instead of the gradient kernel.
import { tf } from './tf.js';
import { patchGradient } from './patches/registry.js';

/** The kernels' names in the tfjs registry. */
export const GROUP_NORM_KERNEL = 'GenlabGroupNorm';
export const GROUP_NORM_GRAD_KERNEL = 'GenlabGroupNormGrad';

/** Attributes of both kernels. */
interface GroupNormAttrs {
  groups: number;
  epsilon: number;
}

const hasKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/** Whether group norm can run as the fused kernel on the current backend. */
export function canFuseGroupNorm(): boolean {
  return hasKernel(GROUP_NORM_KERNEL);
}

/** y = γ·(x − μ_g)/√(σ²_g + ε) + β for NHWC x [B, H, W, C]; call only when canFuseGroupNorm(). */
export function fusedGroupNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, groups: number, epsilon: number): tf.Tensor {
  return tf.engine().runKernel(GROUP_NORM_KERNEL, { x, gamma, beta }, { groups, epsilon } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * [dx, dγ, dβ] in differentiable ops: with x̂ = (x − μ)·r, r = 1/√(σ² + ε), dx̂ = dy·γ,
 * dx = r·(dx̂ − mean_g(dx̂) − x̂·mean_g(dx̂·x̂)), dγ = Σ dy·x̂, dβ = Σ dy (sums over B, H, W).
 */
export function groupNormGradComposed(dy: tf.Tensor, x: tf.Tensor, gamma: tf.Tensor, { groups, epsilon }: GroupNormAttrs): tf.Tensor[] {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const shape = [b, h * w, groups, c / groups];
    const xg = tf.reshape(x, shape);
    const { mean, variance } = tf.moments(xg, [1, 3], true); // [B, 1, G, 1]
    const r = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(tf.sub(xg, mean), r);
    const dyg = tf.reshape(dy, shape);
    const dxhat = tf.mul(dyg, tf.reshape(gamma, [1, 1, groups, c / groups]));
    const m1 = tf.mean(dxhat, [1, 3], true), m2 = tf.mean(tf.mul(dxhat, xhat), [1, 3], true);
    const dx = tf.reshape(tf.mul(r, tf.sub(tf.sub(dxhat, m1), tf.mul(xhat, m2))), x.shape);
    const dgamma = tf.reshape(tf.sum(tf.mul(dyg, xhat), [0, 1]), [c]);
    const dbeta = tf.sum(dy, [0, 1, 2]);
    return [dx, dgamma, dbeta];
  });
}

/** Registers GROUP_NORM_KERNEL's gradient (global in tfjs; idempotent). */
export function registerGroupNormGradient(): void {
  patchGradient({
    kernelName: GROUP_NORM_KERNEL,
    inputsToSave: ['x', 'gamma'],
    gradFunc: (dy, saved, attrs) => {
      const [x, gamma] = saved;
      const a = attrs as unknown as GroupNormAttrs;
      const fused = !tf.engine().isTapeOn() && hasKernel(GROUP_NORM_GRAD_KERNEL);
      const [dx, dgamma, dbeta] = fused
        ? (tf.engine().runKernel(GROUP_NORM_GRAD_KERNEL, { dy: dy as tf.Tensor, x, gamma }, a as unknown as tf.NamedAttrMap) as tf.Tensor[])
        : groupNormGradComposed(dy as tf.Tensor, x, gamma, a);
      return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
    },
  });
}
