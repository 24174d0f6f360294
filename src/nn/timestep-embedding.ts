// Sinusoidal timestep embedding of the Transformer (Vaswani et al. 2017, §3.5) as used for the
// diffusion timestep in DDPM (Ho et al. 2020, App. B) and diffusers' get_timestep_embedding.
import { tf } from '../engine/tf.js';

/** Embeddings [B, dim] of per-example scalars `t` [B]: [sin(t·ω_j), cos(t·ω_j)], ω_j = 10000^(−j/(dim/2)). */
export function timestepEmbedding(t: ArrayLike<number>, dim: number): tf.Tensor2D {
  if (dim % 2 !== 0) throw new Error(`Timestep embedding width must be even, got ${dim}.`);
  const half = dim / 2;
  const out = new Float32Array(t.length * dim);
  for (let b = 0; b < t.length; b++) {
    for (let j = 0; j < half; j++) {
      const arg = t[b] * Math.exp((-Math.log(10000) * j) / half);
      out[b * dim + j] = Math.sin(arg);
      out[b * dim + half + j] = Math.cos(arg);
    }
  }
  return tf.tensor2d(out, [t.length, dim]);
}
