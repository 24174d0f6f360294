// Langevin samplers: annealed Langevin dynamics over a noise ladder (Song & Ermon 2019, Algorithm 1)
// and short-run stochastic gradient Langevin dynamics on an energy (Du & Mordatch 2019, eq. 2).
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

/** Annealed Langevin settings (the paper's ε and T). */
export interface AnnealedLangevinOptions {
  /** Base step size ε; level i uses α_i = ε·σ_i²/σ_L². */
  stepSize: number;
  /** Langevin steps per noise level (T). */
  stepsPerLevel: number;
  /** Add the final denoising step x + σ_L²·s(x, σ_L) (Tweedie; Song & Ermon 2020 / Jolicoeur-Martineau 2021). */
  denoise?: boolean;
}

/**
 * Runs annealed Langevin from `x` (ownership taken) down `sigmas` (descending):
 * x ← x + (α_i/2)·s(x, σ_i) + √α_i·z for every level i and step (Algorithm 1).
 */
export function annealedLangevin(
  score: (x: tf.Tensor, level: number) => tf.Tensor,
  sigmas: number[],
  x: tf.Tensor,
  rng: Rng,
  o: AnnealedLangevinOptions,
): tf.Tensor {
  const last = sigmas[sigmas.length - 1];
  sigmas.forEach((sigma, i) => {
    const alpha = (o.stepSize * sigma * sigma) / (last * last);
    for (let k = 0; k < o.stepsPerLevel; k++) {
      const next = tf.tidy(() => tf.add(tf.add(x, tf.mul(score(x, i), alpha / 2)), tf.mul(rng.normalTensor(x.shape), Math.sqrt(alpha))));
      x.dispose();
      x = next;
    }
  });
  if (o.denoise) {
    const next = tf.tidy(() => tf.add(x, tf.mul(score(x, sigmas.length - 1), last * last)));
    x.dispose();
    x = next;
  }
  return x;
}

/** SGLD settings of Du & Mordatch 2019 (step size λ, noise σ, optional clamp of the chain and of ∇E). */
export interface SgldOptions {
  steps: number;
  stepSize: number;
  noise: number;
  /** Keep x inside [lo, hi] after every step (e.g. the data box). */
  clamp?: [number, number];
  /** Clip ∇E elementwise to [−g, g] (0 = off). */
  gradClip?: number;
}

/** x_k = x_{k−1} − λ·∇_x E(x_{k−1}) + σ·z, k = 1..K (eq. 2; λ absorbs the paper's ½), from `x` (ownership taken). */
export function sgld(energy: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, rng: Rng, o: SgldOptions): tf.Tensor {
  const gradE = tf.grad((z: tf.Tensor) => tf.sum(energy(z)));
  for (let k = 0; k < o.steps; k++) {
    const next = tf.tidy(() => {
      let g = gradE(x); // [B, …]
      if (o.gradClip && o.gradClip > 0) g = tf.clipByValue(g, -o.gradClip, o.gradClip);
      let y = tf.add(tf.sub(x, tf.mul(g, o.stepSize)), tf.mul(rng.normalTensor(x.shape), o.noise));
      if (o.clamp) y = tf.clipByValue(y, o.clamp[0], o.clamp[1]);
      return y;
    });
    x.dispose();
    x = next;
  }
  return x;
}
