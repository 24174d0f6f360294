// What every registered model provides, and the optional abilities recipes and samplers look for.
// Capabilities are data on the spec; shared code never branches on a model id.
import type { z } from 'zod';
import type { tf, tfl } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { RgbaImage } from '../io/png.js';
import type { Batch, DataKind } from '../data/types.js';
import type { BaseConfig, DeepPartial } from '../config/index.js';
import type { TypedTable } from '../data/tabular/types.js';
import type { TableTransformer } from '../data/tabular/transform-types.js';

/** Model families, as registry entries declare them (score-2d is a diffusion-family entry, ProdLDA a VAE). */
export type Family = 'vae' | 'gan' | 'diffusion' | 'ebm' | 'gpt' | 'classifier' | 'baseline';

/** Training recipes (the table in src/train/recipes/index.ts); a spec names the one it trains with. */
export type RecipeId = 'likelihood' | 'adversarial' | 'denoising' | 'contrastive-divergence' | 'training-by-sampling' | 'closed-form';

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
  /** Optional abilities beyond `sample` (each one's interface and guard are below); absent = none. */
  tasks?: Task[];
  /** Iterative sampling: the sampler names `sample` takes, and whether it takes a step count and DDIM's η; absent = none. */
  sampling?: { samplers: readonly string[]; steps: boolean; eta: boolean };
  /** Fitted in closed form when its recipe is built (the table baselines): steps change nothing. */
  closedForm?: boolean;
}

/** Optional abilities a spec declares in `capabilities.tasks`; latent and likelihood keep their own flags. */
export type Task = 'generate' | 'infill' | 'attention' | 'inpaint' | 'upscale' | 'energy' | 'topics' | 'translate' | 'table';

/** Shape information about the training data a model is built for. */
export interface DataInfo {
  kind: DataKind;
  shape: number[];
  numClasses?: number;
  /** Text: number of token ids the tokenizer produces. */
  vocabSize?: number;
  /** Tables: the fitted encoder whose spans the model's input/output follow (saved with the run). */
  table?: TableTransformer;
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
  /** A projection after each optimizer step (TVAE clamps its learnt σ into [0.01, 1]); absent = none. */
  afterStep?(): void;
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

/** Per-token sampling of text models (temperature 0 = greedy; top-k; nucleus top-p). */
export interface TextSamplingOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
}

/** Autoregressive text generation (`genlab generate`). */
export interface TextModel extends GenModel {
  readonly blockSize: number;
  /** Continues each prompt by maxNew tokens; returns prompt + continuation ids. */
  generate(prompts: Int32Array[], maxNew: number, opts: TextSamplingOptions, rng: Rng): Int32Array[];
}

/** Gap filling by a masked LM (`genlab infill`): ids with `maskId` at each gap. */
export interface InfillModel extends GenModel {
  readonly maskId: number;
  infill(ids: Int32Array, opts: TextSamplingOptions, rng: Rng): Int32Array;
}

/** Attention maps of a transformer (`genlab attention`). */
export interface AttentionModel extends GenModel {
  readonly blockSize: number;
  /** Attention probabilities [1, heads, T, T] of block `layer` for tokens [1, T]. */
  attention(tokens: tf.Tensor, layer: number): tf.Tensor;
}

/** Image completion (`genlab inpaint`): fills where `missing` [n, H, W, C] is 1. */
export interface InpaintModel extends GenModel {
  inpaint(x: tf.Tensor, missing: tf.Tensor, rng: Rng, opts?: SampleOptions & { resample?: number }): tf.Tensor;
}

/** 2× super-resolution (`genlab upscale`): low [n, H/2, W/2, C] → [n, H, W, C]. */
export interface UpscaleModel extends GenModel {
  upscale(low: tf.Tensor, rng: Rng, opts?: SampleOptions): tf.Tensor;
}

/** An energy model over 2-D points that draws its landscape (`genlab sample --energy`). */
export interface EnergyLandscapeModel extends GenModel {
  energyLandscape(): RgbaImage;
}

/** A topic model (`genlab topics`): topic–word weights β [K, V], row-major. */
export interface TopicModel extends GenModel {
  readonly latentDim: number;
  topicWordWeights(): Float32Array;
}

/** Paired or unpaired translation (pix2pix, CycleGAN): maps inputs of one domain to the other. */
export interface TranslateModel extends GenModel {
  /** Translated images [n, H, W, C] of inputs x [n, H, W, C]. */
  translate(x: tf.Tensor, rng: Rng): tf.Tensor;
}

/** Options of `sampleTable`. */
export interface TableSampleOptions {
  /** Rows drawn only with these discrete values: column name → category name (CTGAN's conditional sampling). */
  condition?: Record<string, string>;
}

/** Tabular synthesis: n rows of the training table's schema. */
export interface TableModel extends GenModel {
  sampleTable(n: number, rng: Rng, opts?: TableSampleOptions): TypedTable;
}

const hasMethods = (m: GenModel, ...names: string[]) => names.every((k) => typeof (m as unknown as Record<string, unknown>)[k] === 'function');
const hasNumbers = (m: GenModel, ...names: string[]) => names.every((k) => typeof (m as unknown as Record<string, unknown>)[k] === 'number');

/** Type guards, one per optional ability (what the methods, not the spec, say). */
export const isTextModel = (m: GenModel): m is TextModel => hasMethods(m, 'generate') && hasNumbers(m, 'blockSize');
export const isInfillModel = (m: GenModel): m is InfillModel => hasMethods(m, 'infill') && hasNumbers(m, 'maskId');
export const isAttentionModel = (m: GenModel): m is AttentionModel => hasMethods(m, 'attention') && hasNumbers(m, 'blockSize');
export const isInpaintModel = (m: GenModel): m is InpaintModel => hasMethods(m, 'inpaint');
export const isUpscaleModel = (m: GenModel): m is UpscaleModel => hasMethods(m, 'upscale');
export const isEnergyLandscapeModel = (m: GenModel): m is EnergyLandscapeModel => hasMethods(m, 'energyLandscape');
export const isTopicModel = (m: GenModel): m is TopicModel => hasMethods(m, 'topicWordWeights') && hasNumbers(m, 'latentDim');
export const isTranslateModel = (m: GenModel): m is TranslateModel => hasMethods(m, 'translate');
export const isTableModel = (m: GenModel): m is TableModel => hasMethods(m, 'sampleTable');
export const isLatentModel = (m: GenModel): m is LatentModel => hasMethods(m, 'encode', 'decode') && hasNumbers(m, 'latentDim');
export const isImportanceWeightedModel = (m: GenModel): m is ImportanceWeightedModel => hasMethods(m, 'logLikelihood');

/** What a command can ask of a model: a task, one of the flags, or an output kind. */
export type Need = Task | 'sample' | 'latent' | 'likelihood' | 'conditional' | 'images' | 'classify' | 'sampler' | 'steps' | 'eta';

/** Per need: the words of the refusal ("cannot …"), whether a spec declares it, and the guard its model must pass. */
export const NEEDS: Record<Need, { verb: string; declared: (c: Capabilities) => boolean; guard?: (m: GenModel) => boolean }> = {
  sample: { verb: 'draw image or point samples', declared: (c) => c.output === 'image' || c.output === 'points' || c.output === 'table' },
  images: { verb: 'generate images', declared: (c) => c.output === 'image' },
  classify: { verb: 'classify', declared: (c) => c.output === 'labels' },
  conditional: { verb: 'sample a requested label', declared: (c) => c.conditional },
  sampler: { verb: 'choose a sampler (--sampler)', declared: (c) => (c.sampling?.samplers.length ?? 0) > 0 },
  steps: { verb: 'take a number of sampling steps (--steps)', declared: (c) => c.sampling?.steps === true },
  eta: { verb: "take DDIM's η (--eta)", declared: (c) => c.sampling?.eta === true },
  latent: { verb: 'encode into a latent space', declared: (c) => c.latent, guard: isLatentModel },
  likelihood: { verb: 'estimate likelihoods', declared: (c) => c.likelihood, guard: isImportanceWeightedModel },
  generate: { verb: 'generate text', declared: (c) => hasTask(c, 'generate'), guard: isTextModel },
  infill: { verb: 'fill gaps', declared: (c) => hasTask(c, 'infill'), guard: isInfillModel },
  attention: { verb: 'show attention', declared: (c) => hasTask(c, 'attention'), guard: isAttentionModel },
  inpaint: { verb: 'inpaint', declared: (c) => hasTask(c, 'inpaint'), guard: isInpaintModel },
  upscale: { verb: 'upscale', declared: (c) => hasTask(c, 'upscale'), guard: isUpscaleModel },
  energy: { verb: 'draw an energy landscape', declared: (c) => hasTask(c, 'energy'), guard: isEnergyLandscapeModel },
  topics: { verb: 'list topics', declared: (c) => hasTask(c, 'topics'), guard: isTopicModel },
  translate: { verb: 'translate', declared: (c) => hasTask(c, 'translate'), guard: isTranslateModel },
  table: { verb: 'sample tables', declared: (c) => hasTask(c, 'table'), guard: isTableModel },
};

function hasTask(c: Capabilities, t: Task): boolean {
  return c.tasks?.includes(t) ?? false;
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
  /**
   * The preset a fresh run gets when it names none, by the kind of its dataset (the best-known recipe
   * for that kind, e.g. `{ vector: 'toy' }`); a kind left out trains on the schema defaults.
   */
  presetByDataKind?: Partial<Record<DataKind, string>>;
  capabilities: Capabilities;
  recipe: RecipeId;
  /** Builds the networks; weights are drawn from `rng`. */
  create(config: C, rng: Rng, data: DataInfo): GenModel;
}
