// Diffusion pipelines, kept apart from models and schedulers as in diffusers: sampling, RePaint
// inpainting (Lugmayr et al. 2022) and SR3-style super-resolution (Saharia et al. 2021), each a
// scheduler plus a denoiser closure the model builds (conditioning and guidance live in the closure).
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { Scheduler } from '../schedulers/types.js';
import { sampleDiffusion, type DenoiseFn } from './diffusion.js';
import { inpaint } from './inpaint.js';

/** What a pipeline needs of a model besides its denoiser: the per-example shape and the data ↔ model-space maps. */
export interface DataSpace {
  /** Per-example data shape ([H, W, C] or [D]). */
  readonly shape: number[];
  /** Data → model space (images [0,1] → [−1,1]). */
  toModel(x: tf.Tensor): tf.Tensor;
  /** Model → data space. */
  fromModel(x: tf.Tensor): tf.Tensor;
}

/** A data space that can also turn low-resolution model-space images into full-size conditioning. */
export interface LowresSpace extends DataSpace {
  /** Model-space low-resolution images [B, H/2, W/2, C] → conditioning [B, H, W, C]. */
  upsample(low: tf.Tensor): tf.Tensor;
}

/** n samples in data space: x_T ~ N(0, I) → x_0 by `scheduler` steps with `denoise`. */
export function samplePipeline(scheduler: Scheduler, denoise: DenoiseFn, space: DataSpace, n: number, rng: Rng): tf.Tensor {
  const x = sampleDiffusion(scheduler, denoise, [n, ...space.shape], rng); // [n, …] model space
  const out = space.fromModel(x);
  x.dispose();
  return out;
}

/** RePaint settings of the pipeline. */
export interface InpaintPipelineOptions {
  /** Resampling rounds per step (U of RePaint); 1 = plain replacement. */
  resample?: number;
}

/**
 * Completes data-space images x [n, …] where `missing` [n, …] is 1; the known pixels come back as
 * given (up to the data ↔ model-space round trip).
 */
export function inpaintPipeline(scheduler: Scheduler, denoise: DenoiseFn, space: DataSpace, x: tf.Tensor, missing: tf.Tensor, rng: Rng, o: InpaintPipelineOptions = {}): tf.Tensor {
  if (x.shape.join() !== missing.shape.join()) throw new Error(`The mask has shape [${missing.shape}], the images [${x.shape}]; they must match.`);
  const x0 = space.toModel(x);
  const known = tf.sub(1, missing);
  const filled = inpaint(scheduler, denoise, x0, known, rng, { resample: o.resample });
  const res = tf.tidy(() => space.fromModel(tf.add(tf.mul(known, x0), tf.mul(missing, filled))));
  tf.dispose([x0, known, filled]);
  return res;
}

/**
 * Super-resolves data-space images `low` [n, H/2, W/2, C]: the conditioning is `space.upsample` of
 * them in model space, and `denoiseFor(cond)` the denoiser conditioned on it.
 */
export function upscalePipeline(scheduler: Scheduler, denoiseFor: (cond: tf.Tensor) => DenoiseFn, space: LowresSpace, low: tf.Tensor, rng: Rng): tf.Tensor {
  const cond = tf.tidy(() => space.upsample(space.toModel(low))); // [n, H, W, C]
  try {
    return samplePipeline(scheduler, denoiseFor(cond), space, low.shape[0], rng);
  } finally {
    cond.dispose();
  }
}
