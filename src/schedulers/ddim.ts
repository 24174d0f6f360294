// Denoising diffusion implicit models (Song et al. 2021, eq. 12 and σ_t of eq. 16): deterministic
// (η = 0) or stochastic reverse steps over any subsequence of timesteps; follows diffusers' scheduling_ddim.
import { tf } from '../engine/tf.js';
import { cumprodAlphas, leadingTimesteps, makeBetas, type BetaScheduleConfig } from './beta-schedule.js';
import { predictOriginal, resolveNoise } from './common.js';
import type { PredictionType, Scheduler, StepNoise } from './types.js';

/** DDIM scheduler settings. */
export interface DdimConfig extends BetaScheduleConfig {
  prediction?: PredictionType;
  /** Clip x̂_0 to [−clipRange, clipRange]; 0 = off. */
  clipRange?: number;
  /** η: 0 gives DDIM, 1 the DDPM-like variance of eq. 16. */
  eta?: number;
  /**
   * After clipping, re-derive ε̂ from the clipped x̂_0 (diffusers' use_clipped_model_output), so the step
   * moves towards the x̂_0 it uses; off, a clipped x̂_0 and the model's ε̂ disagree and the excess the
   * clip removed re-enters through ε̂ with the opposite sign.
   */
  useClippedModelOutput?: boolean;
}

/** The DDIM scheduler; the final step uses ᾱ_{−1} = 1 (diffusers' set_alpha_to_one). */
export class DdimScheduler implements Scheduler {
  readonly numTrainTimesteps: number;
  readonly betas: Float64Array;
  readonly alphasCumprod: Float64Array;
  timesteps: number[];
  eta: number;
  private stepRatio = 1;
  private readonly prediction: PredictionType;
  private readonly clipRange: number;
  private readonly useClippedModelOutput: boolean;

  constructor(cfg: DdimConfig) {
    this.numTrainTimesteps = cfg.numTrainTimesteps;
    this.betas = makeBetas(cfg);
    this.alphasCumprod = cumprodAlphas(this.betas);
    this.prediction = cfg.prediction ?? 'epsilon';
    this.clipRange = cfg.clipRange ?? 0;
    this.eta = cfg.eta ?? 0;
    this.useClippedModelOutput = cfg.useClippedModelOutput ?? false;
    this.timesteps = leadingTimesteps(this.numTrainTimesteps, this.numTrainTimesteps);
  }

  /** Uses n leading timesteps t_i = i·⌊T/n⌋. */
  setTimesteps(n: number): void {
    this.timesteps = leadingTimesteps(this.numTrainTimesteps, n);
    this.stepRatio = Math.floor(this.numTrainTimesteps / n);
  }

  /** Each step depends on x_t alone: nothing to forget. */
  resetState(): void {}

  /** σ_t²(η=1) = (1−ᾱ_prev)/(1−ᾱ_t)·(1−ᾱ_t/ᾱ_prev) (eq. 16 without η). */
  variance(t: number): number {
    const prev = t - this.stepRatio;
    const abar = this.alphasCumprod[t];
    const abarPrev = prev >= 0 ? this.alphasCumprod[prev] : 1;
    return ((1 - abarPrev) / (1 - abar)) * (1 - abar / abarPrev);
  }

  /** x_{t_prev} = √ᾱ_prev·x̂_0 + √(1−ᾱ_prev−σ²)·ε̂ + σ·z (eq. 12). */
  step(modelOutput: tf.Tensor, t: number, sample: tf.Tensor, noise?: StepNoise): tf.Tensor {
    const sigma = this.eta * Math.sqrt(this.variance(t));
    if (sigma > 0 && !noise) throw new Error('DDIM step with η > 0: pass an Rng or a noise tensor.');
    return tf.tidy(() => {
      const z = sigma > 0 ? resolveNoise(noise!, sample.shape) : null;
      // 1. ᾱ_t and ᾱ_{t_prev} (1 past the end)
      const prev = t - this.stepRatio;
      const abar = this.alphasCumprod[t];
      const abarPrev = prev >= 0 ? this.alphasCumprod[prev] : 1;
      // 2. "predicted x_0" and ε̂
      let { x0, eps } = predictOriginal(modelOutput, sample, abar, this.prediction);
      // 3. optional clipping; ε̂ stays the model's unless useClippedModelOutput (diffusers' default: it stays)
      if (this.clipRange > 0) {
        x0 = tf.clipByValue(x0, -this.clipRange, this.clipRange);
        if (this.useClippedModelOutput) eps = tf.div(tf.sub(sample, tf.mul(x0, Math.sqrt(abar))), Math.sqrt(1 - abar));
      }
      // 4. σ_t = η·√((1−ᾱ_prev)/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_prev) (eq. 16); 5. "direction pointing to x_t"
      const dir = tf.mul(eps, Math.sqrt(Math.max(0, 1 - abarPrev - sigma * sigma)));
      // 6. eq. 12
      const out = tf.add(tf.mul(x0, Math.sqrt(abarPrev)), dir);
      return z ? tf.add(out, tf.mul(z, sigma)) : out;
    });
  }
}
