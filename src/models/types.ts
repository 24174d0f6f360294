// What every registered model provides, and the optional abilities recipes and samplers look for.
// Capabilities are data on the spec; shared code never branches on a model id.
import type { z } from 'zod';
import type { tf, tfl } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { Batch, DataKind } from '../data/types.js';
import type { BaseConfig, DeepPartial } from '../config/index.js';

/** Model families, as registry entries declare them (score-2d is a diffusion-family entry, ProdLDA a VAE). */
export type Family = 'vae' | 'gan' | 'diffusion' | 'ebm' | 'gpt' | 'classifier';

/** Training recipes (the table in src/train/recipes/index.ts); a spec names the one it trains with. */
export type RecipeId = 'likelihood' | 'adversarial' | 'denoising' | 'contrastive-divergence';

/** What a model can do, declared as data. */
export interface Capabilities {
  /** Kinds of dataset the model trains on. */
  data: DataKind[];
  /** Whether sampling accepts class labels. */
  conditional: boolean;
  /** Kind of sample `sample()` returns ('labels': not generative — a classifier). */
  output: 'image' | 'points' | 'text' | 'table' | 'labels';
  /** Has `encode`/`decode` over a latent space (interpolation, traversals). */
  latent: boolean;
  /** Can estimate log-likelihood (importance-weighted bound). */
  likelihood: boolean;
}

/** Shape information about the training data a model is built for. */
export interface DataInfo {
  kind: DataKind;
  shape: number[];
  numClasses?: number;
  /** Text: number of token ids the tokenizer produces. */
  vocabSize?: number;
}

/** Options accepted by `sample`. */
export interface SampleOptions {
  /** Class labels [n] for conditional models. */
  labels?: number[];
  /** Sampling temperature / latent scale where the model supports it. */
  temperature?: number;
  /** Sequence models: tokens per sample (default the model's context length). */
  length?: number;
  /** Iterative samplers (diffusion): 'ddpm' | 'ddim' (default the model's). */
  sampler?: string;
  /** Iterative samplers: number of inference steps. */
  steps?: number;
  /** Classifier-free guidance scale for labelled sampling (1 = none). */
  guidance?: number;
  /** Guidance rescale φ in [0, 1] (0 = plain CFG; diffusers' guidance_rescale). */
  guidanceRescale?: number;
  /** Timesteps, as fractions [lo, hi] of the schedule, where guidance applies; elsewhere the conditional prediction alone. */
  guidanceInterval?: [number, number];
  /** DDIM η (0 = deterministic). */
  eta?: number;
}

/** A built model: pure networks plus the maths of its objective. */
export interface GenModel {
  /** The networks, primary first (the primary is saved as model.json/weights.bin). */
  readonly networks: Record<string, tfl.LayersModel>;
  /** Draws n samples (images in [0,1] as [n,H,W,C], points [n,D], …). */
  sample(n: number, rng: Rng, opts?: SampleOptions): tf.Tensor;
  dispose(): void;
}

/** Whether a loss is computed for a training step (dropout on) or a held-out evaluation. */
export type LossMode = 'train' | 'eval';

/** A model trained by maximum likelihood / ELBO (the 'likelihood' recipe). */
export interface LikelihoodModel extends GenModel {
  /** Per-batch mean objective to minimise, plus named parts for logging; `mode` defaults to 'train'; `step` (0-based, train only) drives annealed objectives. */
  loss(batch: Batch, rng?: Rng, mode?: LossMode, step?: number): { loss: tf.Scalar; parts: Record<string, tf.Scalar> };
}

/** A model with a latent space. */
export interface LatentModel extends GenModel {
  readonly latentDim: number;
  /** Posterior means [n, latentDim] for data x. */
  encode(x: tf.Tensor): tf.Tensor;
  /** Decoded means (data space) for latents z [n, latentDim]. */
  decode(z: tf.Tensor): tf.Tensor;
}

/** A model that can estimate log p(x) by importance sampling. */
export interface ImportanceWeightedModel extends GenModel {
  /** log p(x) estimates [B] (nats) with k importance samples per example. */
  logLikelihood(x: tf.Tensor, k: number, rng: Rng): tf.Tensor;
}

/** A registry entry: everything the CLI, tests, studio and benchmarks need to know about a model. */
export interface ModelSpec<C extends BaseConfig = BaseConfig> {
  id: string;
  family: Family;
  description: string;
  /** The config schema: one source for types, defaults, validation, CLI flags and forms. */
  schema: z.ZodType<C>;
  /** Named partial configs; `tiny` is what the conformance suite trains. */
  presets: { tiny: DeepPartial<C>; [name: string]: DeepPartial<C> };
  capabilities: Capabilities;
  recipe: RecipeId;
  /** Builds the networks; weights are drawn from `rng`. */
  create(config: C, rng: Rng, data: DataInfo): GenModel;
}
