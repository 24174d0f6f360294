// The reverse-diffusion loop shared by every scheduler of the table (ancestral DDPM, Ho et al. 2020,
// Algorithm 2; DDIM, Song et al. 2021; …): x_T ~ N(0, I), then one scheduler step per inference timestep.
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import { createScheduler, type SchedulerName } from '../schedulers/index.js';
import type { Scheduler, SchedulerConfig } from '../schedulers/types.js';

/** A denoiser call: model output (ε̂ or v̂) [B, …] for x_t [B, …] at integer timestep t. */
export type DenoiseFn = (x: tf.Tensor, t: number) => tf.Tensor;

/** Names of the reverse samplers: the scheduler table's. */
export type SamplerName = SchedulerName;

/** Builds the scheduler a sampler name asks for (a table look-up), set to `steps` inference steps. */
export function makeScheduler(sampler: string, cfg: SchedulerConfig, steps: number, eta = 0): Scheduler {
  return createScheduler(sampler, { ...cfg, eta }, steps);
}

/** Hooks of the reverse loop. */
export interface ReverseOptions {
  /** Replaces x after each step (inpainting's known-region projection); returns a new tensor. */
  afterStep?: (x: tf.Tensor, tPrev: number) => tf.Tensor;
}

/** Runs the reverse process from x_T = `xT` (ownership taken) to x_0 [B, …]; noise from `rng`. */
export function reverseDiffusion(scheduler: Scheduler, denoise: DenoiseFn, xT: tf.Tensor, rng: Rng, o: ReverseOptions = {}): tf.Tensor {
  scheduler.resetState(); // a fresh trajectory: no multistep history from an earlier run
  let x = xT;
  const ts = scheduler.timesteps;
  ts.forEach((t, i) => {
    const next = tf.tidy(() => {
      const out = denoise(x, t);
      const prev = scheduler.step(out, t, x, rng);
      return o.afterStep ? o.afterStep(prev, i + 1 < ts.length ? ts[i + 1] : -1) : prev;
    });
    x.dispose();
    x = next;
  });
  return x;
}

/** Draws x_T ~ N(0, I) of `shape` and runs `reverseDiffusion`. */
export function sampleDiffusion(scheduler: Scheduler, denoise: DenoiseFn, shape: number[], rng: Rng, o: ReverseOptions = {}): tf.Tensor {
  return reverseDiffusion(scheduler, denoise, rng.normalTensor(shape), rng, o);
}
