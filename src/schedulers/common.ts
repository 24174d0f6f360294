// Forward-process maths shared by the schedulers: q(x_t | x_0) (Ho et al. 2020, eq. 4), the x̂_0 and
// ε̂ implied by a model output (eq. 15; Salimans & Ho 2022, §4 for v), and the velocity target.
import { tf } from '../engine/tf.js';
import { Rng } from '../random/rng.js';
import type { PredictionType, StepNoise } from './types.js';

/** Per-example coefficient vector c[t_b] shaped [B, 1, …, 1] to broadcast against `like`. */
export function perExample(values: number[], rank: number): tf.Tensor {
  return tf.reshape(tf.tensor1d(values), [values.length, ...Array.from({ length: rank - 1 }, () => 1)]);
}

/** x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε for per-example timesteps `t` [B] (eq. 4). */
export function addNoise(alphasCumprod: Float64Array, x0: tf.Tensor, noise: tf.Tensor, t: number[]): tf.Tensor {
  return tf.tidy(() => {
    const a = perExample(t.map((s) => Math.sqrt(alphasCumprod[s])), x0.rank); // [B, 1, …]
    const b = perExample(t.map((s) => Math.sqrt(1 - alphasCumprod[s])), x0.rank);
    return tf.add(tf.mul(a, x0), tf.mul(b, noise));
  });
}

/** v = √ᾱ_t·ε − √(1−ᾱ_t)·x_0 (Salimans & Ho 2022, §4), per-example timesteps `t` [B]. */
export function velocity(alphasCumprod: Float64Array, x0: tf.Tensor, noise: tf.Tensor, t: number[]): tf.Tensor {
  return tf.tidy(() => {
    const a = perExample(t.map((s) => Math.sqrt(alphasCumprod[s])), x0.rank);
    const b = perExample(t.map((s) => Math.sqrt(1 - alphasCumprod[s])), x0.rank);
    return tf.sub(tf.mul(a, noise), tf.mul(b, x0));
  });
}

/** The x̂_0 and ε̂ implied by a model output at timestep t with cumulative ᾱ_t = `abar`. */
export function predictOriginal(
  modelOutput: tf.Tensor,
  sample: tf.Tensor,
  abar: number,
  prediction: PredictionType,
): { x0: tf.Tensor; eps: tf.Tensor } {
  const sa = Math.sqrt(abar);
  const sb = Math.sqrt(1 - abar);
  if (prediction === 'epsilon') {
    // eq. 15: x̂_0 = (x_t − √(1−ᾱ_t)·ε̂)/√ᾱ_t
    return { x0: tf.div(tf.sub(sample, tf.mul(modelOutput, sb)), sa), eps: tf.clone(modelOutput) };
  }
  // v-parameterisation: x̂_0 = √ᾱ·x_t − √(1−ᾱ)·v̂, ε̂ = √ᾱ·v̂ + √(1−ᾱ)·x_t
  return { x0: tf.sub(tf.mul(sample, sa), tf.mul(modelOutput, sb)), eps: tf.add(tf.mul(modelOutput, sa), tf.mul(sample, sb)) };
}

/** Noise of a given shape from an Rng, or the explicit tensor (checked against the shape). */
export function resolveNoise(noise: StepNoise, shape: number[]): tf.Tensor {
  if (noise instanceof Rng) return noise.normalTensor(shape);
  if (noise.shape.join() !== shape.join()) throw new Error(`Step noise has shape [${noise.shape}], expected [${shape}].`);
  return tf.clone(noise);
}
