// RePaint inpainting (Lugmayr et al. 2022, Algorithm 1): at every reverse step the known region is
// replaced by the noised original q(x_{t−1} | x_0), and each step is resampled `jumps` times by
// re-noising x_{t_prev} → x_t (eq. 1 forward jump over a strided schedule). A jump starts a new
// trajectory, so a multistep solver's history is reset there (its next step is first order).
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { Scheduler } from '../schedulers/types.js';
import type { DenoiseFn } from './diffusion.js';

/** RePaint settings. */
export interface InpaintOptions {
  /** Resampling rounds per step (U in the paper); 1 = plain replacement. */
  resample?: number;
}

/**
 * Fills the unknown region of `x0` [B, …] (model space), where `known` [B, …] is 1 for kept pixels
 * and 0 for missing ones; returns the completed x_0.
 */
export function inpaint(scheduler: Scheduler, denoise: DenoiseFn, x0: tf.Tensor, known: tf.Tensor, rng: Rng, o: InpaintOptions = {}): tf.Tensor {
  const U = o.resample ?? 1;
  const abarOf = (t: number) => (t >= 0 ? scheduler.alphasCumprod[t] : 1);
  const ts = scheduler.timesteps;
  scheduler.resetState();
  let x = rng.normalTensor(x0.shape); // x_T
  ts.forEach((t, i) => {
    const tPrev = i + 1 < ts.length ? ts[i + 1] : -1;
    for (let u = 0; u < U; u++) {
      const next = tf.tidy(() => {
        // 1. known part: x_{t−1}^known = √ᾱ_{t−1}·x_0 + √(1−ᾱ_{t−1})·ε
        const ab = abarOf(tPrev);
        const knownPart = tf.add(tf.mul(x0, Math.sqrt(ab)), tf.mul(rng.normalTensor(x0.shape), Math.sqrt(1 - ab)));
        // 2. unknown part: one reverse step of the model
        const unknownPart = scheduler.step(denoise(x, t), t, x, rng);
        // 3. x_{t−1} = m ⊙ known + (1 − m) ⊙ unknown
        const merged = tf.add(tf.mul(known, knownPart), tf.mul(tf.sub(1, known), unknownPart));
        if (u === U - 1 || tPrev < 0) return merged;
        // 4. resample: x_t = √(ᾱ_t/ᾱ_{t−1})·x_{t−1} + √(1 − ᾱ_t/ᾱ_{t−1})·z
        const r = abarOf(t) / ab;
        return tf.add(tf.mul(merged, Math.sqrt(r)), tf.mul(rng.normalTensor(x0.shape), Math.sqrt(1 - r)));
      });
      x.dispose();
      x = next;
      if (tPrev < 0) break;
      if (u < U - 1) scheduler.resetState(); // x is x_t again, not the x_{t_prev} the history leads to
    }
  });
  return x;
}
