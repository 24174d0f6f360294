// The one interface every diffusion scheduler implements (diffusers' SchedulerMixin, reduced):
// a training noise schedule, inference timesteps, forward noising and one reverse step.
import type { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { BetaScheduleConfig } from './beta-schedule.js';

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
  /** Chooses `n` inference timesteps (each scheduler's own spacing) and clears any solver state. */
  setTimesteps(n: number): void;
  /**
   * Forgets the state a multistep solver keeps between steps, so the next `step` starts a fresh
   * trajectory (after a jump such as RePaint's re-noising); a no-op for one-step schedulers.
   */
  resetState(): void;
  /** One reverse step x_t → x_{t_prev} from the model output at integer timestep t. */
  step(modelOutput: tf.Tensor, t: number, sample: tf.Tensor, noise?: StepNoise): tf.Tensor;
}

/** Settings every scheduler factory takes (each uses the ones its algorithm knows). */
export interface SchedulerConfig extends BetaScheduleConfig {
  prediction?: PredictionType;
  /** Clip x̂_0 to [−clipRange, clipRange]; 0 = off. */
  clipRange?: number;
  /** DDIM: re-derive ε̂ from the clipped x̂_0 (diffusers' use_clipped_model_output). */
  useClippedModelOutput?: boolean;
  /** DDIM η: 0 deterministic, 1 the DDPM-like variance. */
  eta?: number;
}

/** One row of the scheduler table: how to build it and what the shared code may assume of it. */
export interface SchedulerEntry {
  /** One line for `--help` and `genlab list`. */
  description: string;
  /** Builds the scheduler (timesteps still to be set). */
  factory(cfg: SchedulerConfig): Scheduler;
  /** Whether its steps draw noise under this config (the conformance suite then also checks the variance). */
  stochastic(cfg: SchedulerConfig): boolean;
  /** Inference steps used when the caller names this scheduler without a step count. */
  defaultSteps(numTrainTimesteps: number): number;
}
