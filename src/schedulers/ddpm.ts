// Ancestral DDPM sampling step (Ho et al. 2020, Algorithm 2 / eqs. 6–7, 15) with the "fixed small"
// variance β̃_t, ε- or v-prediction and optional x̂_0 clipping; follows diffusers' scheduling_ddpm.
import { tf } from '../engine/tf.js';
import { cumprodAlphas, leadingTimesteps, makeBetas, type BetaScheduleConfig } from './beta-schedule.js';
import { predictOriginal, resolveNoise } from './common.js';
import type { PredictionType, Scheduler, StepNoise } from './types.js';

/** DDPM scheduler settings. */
export interface DdpmConfig extends BetaScheduleConfig {
  prediction?: PredictionType;
  /** Clip x̂_0 to [−clipRange, clipRange] (diffusers' clip_sample); 0 = off. */
  clipRange?: number;
}

/** The DDPM scheduler: p(x_{t−1} | x_t) = N(μ̃_t(x_t, x̂_0), β̃_t·I). */
export class DdpmScheduler implements Scheduler {
  readonly numTrainTimesteps: number;
  readonly betas: Float64Array;
  readonly alphasCumprod: Float64Array;
  timesteps: number[];
  private stepRatio = 1;
  private readonly prediction: PredictionType;
  private readonly clipRange: number;

  constructor(cfg: DdpmConfig) {
    this.numTrainTimesteps = cfg.numTrainTimesteps;
    this.betas = makeBetas(cfg);
    this.alphasCumprod = cumprodAlphas(this.betas);
    this.prediction = cfg.prediction ?? 'epsilon';
    this.clipRange = cfg.clipRange ?? 0;
    this.timesteps = leadingTimesteps(this.numTrainTimesteps, this.numTrainTimesteps);
  }

  /** Uses n leading timesteps (n = T gives the full ancestral chain). */
  setTimesteps(n: number): void {
    this.timesteps = leadingTimesteps(this.numTrainTimesteps, n);
    this.stepRatio = Math.floor(this.numTrainTimesteps / n);
  }

  /** Each step depends on x_t alone: nothing to forget. */
  resetState(): void {}

  private prevOf(t: number): number {
    return t - this.stepRatio;
  }

  /** β̃_t = (1−ᾱ_{t−1})/(1−ᾱ_t)·β_t (eq. 7), floored at 1e-20 as in diffusers. */
  variance(t: number): number {
    const prev = this.prevOf(t);
    const abar = this.alphasCumprod[t];
    const abarPrev = prev >= 0 ? this.alphasCumprod[prev] : 1;
    const beta = 1 - abar / abarPrev;
    return Math.max(((1 - abarPrev) / (1 - abar)) * beta, 1e-20);
  }

  /** x_{t_prev} ~ p(· | x_t): posterior mean from x̂_0 plus √β̃_t·z (no noise at t = 0). */
  step(modelOutput: tf.Tensor, t: number, sample: tf.Tensor, noise?: StepNoise): tf.Tensor {
    if (t > 0 && !noise) throw new Error('DDPM step: pass an Rng or a noise tensor for t > 0.');
    return tf.tidy(() => {
      const z = t > 0 ? resolveNoise(noise!, sample.shape) : null;
      // 1. ᾱ_t, ᾱ_{t_prev}, β_t, α_t for this (possibly strided) step
      const prev = this.prevOf(t);
      const abar = this.alphasCumprod[t];
      const abarPrev = prev >= 0 ? this.alphasCumprod[prev] : 1;
      const beta = 1 - abar / abarPrev;
      const alpha = 1 - beta;
      // 2. x̂_0 from the model output (eq. 15, or v)
      let { x0 } = predictOriginal(modelOutput, sample, abar, this.prediction);
      // 3. optional clipping of x̂_0
      if (this.clipRange > 0) x0 = tf.clipByValue(x0, -this.clipRange, this.clipRange);
      // 4. posterior mean μ̃_t = √ᾱ_{t−1}β_t/(1−ᾱ_t)·x̂_0 + √α_t(1−ᾱ_{t−1})/(1−ᾱ_t)·x_t (eq. 7)
      const c0 = (Math.sqrt(abarPrev) * beta) / (1 - abar);
      const ct = (Math.sqrt(alpha) * (1 - abarPrev)) / (1 - abar);
      const mean = tf.add(tf.mul(x0, c0), tf.mul(sample, ct));
      // 5. add σ_t·z with σ_t² = β̃_t ("fixed small")
      if (!z) return mean;
      return tf.add(mean, tf.mul(z, Math.sqrt(this.variance(t))));
    });
  }
}
