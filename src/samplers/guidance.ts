// Classifier-free guidance (Ho & Salimans 2022, eq. 6): ε̃ = ε_u + s·(ε_c − ε_u), with the conditional
// and unconditional passes batched into one network call; optionally rescaled towards the conditional
// prediction's standard deviation (Lin et al. 2024, §3.4; diffusers' guidance_rescale), which keeps large
// scales from over-exposing the samples.
import { tf } from '../engine/tf.js';

/** A network call on a batch with per-example labels (null-label index for "unconditional"). */
export type LabelledDenoiseFn = (x: tf.Tensor, t: number, labels: number[]) => tf.Tensor;

/** Per-example standard deviation over every axis but the first, shaped [B, 1, …] for broadcasting. */
function exampleStd(x: tf.Tensor): tf.Tensor {
  const axes = x.shape.map((_, i) => i).slice(1);
  return tf.sqrt(tf.moments(x, axes, true).variance);
}

/**
 * ε̃(x, t) = ε(x, t, ∅) + s·(ε(x, t, y) − ε(x, t, ∅)); s = 1 is plain conditional sampling. With
 * `rescale` φ > 0: φ·ε̃·σ(ε_c)/σ(ε̃) + (1 − φ)·ε̃, σ per example.
 */
export function guidedDenoise(net: LabelledDenoiseFn, x: tf.Tensor, t: number, labels: number[], nullLabel: number, scale: number, rescale = 0): tf.Tensor {
  if (rescale < 0 || rescale > 1) throw new Error(`guidance rescale must lie in [0, 1], got ${rescale}.`);
  if (scale === 1) return net(x, t, labels);
  return tf.tidy(() => {
    const b = x.shape[0];
    const both = net(tf.concat([x, x], 0), t, [...labels, ...labels.map(() => nullLabel)]); // [2B, …]
    const [cond, uncond] = tf.split(both, [b, b], 0);
    const guided = tf.add(uncond, tf.mul(tf.sub(cond, uncond), scale));
    if (rescale === 0) return guided;
    const matched = tf.mul(guided, tf.div(exampleStd(cond), tf.add(exampleStd(guided), 1e-12)));
    return tf.add(tf.mul(matched, rescale), tf.mul(guided, 1 - rescale));
  });
}
