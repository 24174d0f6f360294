// The fused Adam/AdamW update as an engine kernel ('GenlabAdam'): backends that register it (native)
// update a variable in one call instead of ~14 kernels and ~6 scalar uploads; the optimizer falls back
// to composing tensor ops elsewhere. Both compute the same float32 operations in the same order.
import { tf } from './tf.js';

/** The kernel's name in the tfjs registry. */
export const ADAM_KERNEL = 'GenlabAdam';

/** Adam's per-step constants (float64 on the host; the kernel rounds each to float32). */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  eps: number;
  lr: number;
  /** 1 − β1^t and 1 − β2^t. */
  biasCorrection1: number;
  biasCorrection2: number;
  /** Weight decay added to the gradient (Adam's L2), 0 = none. */
  l2: number;
  /** lr · weight decay subtracted from the weights (AdamW), 0 = none. */
  decoupled: number;
}

/** Whether the current backend runs ADAM_KERNEL. */
export function hasFusedAdam(): boolean {
  return tf.getKernel(ADAM_KERNEL, tf.getBackend()) !== undefined;
}

/** [weights, m, s] after one Adam step of variable `v` with gradient `g`; call only when hasFusedAdam(). */
export function fusedAdam(v: tf.Tensor, g: tf.Tensor, m: tf.Tensor, s: tf.Tensor, c: AdamConstants): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const attrs = { ...c } as unknown as tf.NamedAttrMap;
  const out = tf.engine().runKernel(ADAM_KERNEL, { v, g, m, s }, attrs) as tf.Tensor[];
  return [out[0], out[1], out[2]];
}
