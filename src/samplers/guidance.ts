// Classifier-free guidance (Ho & Salimans 2022, eq. 6): ε̃ = ε_u + s·(ε_c − ε_u), with the conditional
// and unconditional passes batched into one network call.
import { tf } from '../engine/tf.js';

/** A network call on a batch with per-example labels (null-label index for "unconditional"). */
export type LabelledDenoiseFn = (x: tf.Tensor, t: number, labels: number[]) => tf.Tensor;

/** ε̃(x, t) = ε(x, t, ∅) + s·(ε(x, t, y) − ε(x, t, ∅)); s = 1 is plain conditional sampling. */
export function guidedDenoise(net: LabelledDenoiseFn, x: tf.Tensor, t: number, labels: number[], nullLabel: number, scale: number): tf.Tensor {
  if (scale === 1) return net(x, t, labels);
  return tf.tidy(() => {
    const b = x.shape[0];
    const both = net(tf.concat([x, x], 0), t, [...labels, ...labels.map(() => nullLabel)]); // [2B, …]
    const [cond, uncond] = tf.split(both, [b, b], 0);
    return tf.add(uncond, tf.mul(tf.sub(cond, uncond), scale));
  });
}
