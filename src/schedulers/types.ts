// The one interface every diffusion scheduler implements (diffusers' SchedulerMixin, reduced):
// a training noise schedule, inference timesteps, forward noising and one reverse step.
import type { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

/** What the denoiser predicts: the noise ε (Ho et al. 2020) or the velocity v (Salimans & Ho 2022). */
export type PredictionType = 'epsilon' | 'v';

/** Noise for a stochastic step: a seeded Rng to draw it from, or the noise tensor itself. */
export type StepNoise = Rng | tf.Tensor;

/** A diffusion scheduler: owns the noise maths, never a network. */
export interface Scheduler {
  /** Number of training timesteps T (t ∈ 0..T−1). */
  readonly numTrainTimesteps: number;
  /** ᾱ_t for t = 0..T−1, in float64. */
  readonly alphasCumprod: Float64Array;
  /** Current inference timesteps, descending (set by `setTimesteps`). */
  readonly timesteps: number[];
  /** Chooses `n` evenly spaced ("leading") inference timesteps. */
  setTimesteps(n: number): void;
  /** One reverse step x_t → x_{t_prev} from the model output at integer timestep t. */
  step(modelOutput: tf.Tensor, t: number, sample: tf.Tensor, noise?: StepNoise): tf.Tensor;
}
