// Config sections shared by every model: the training loop's knobs and the data source.
// Models build their full schema as { seed, model, data, train } from these factories.
import { z } from 'zod';
import { dpSection } from '../privacy/dp-config.js';

/** A zod object schema (the shape of one config section). */
export type SectionSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/**
 * The same section with some keys' defaults replaced — how a model or a variant sets its own defaults
 * on one shared section. Descriptions are kept; a key the section lacks is an error.
 */
export function withDefaults<S extends SectionSchema>(section: S, defaults: Partial<z.output<S>>): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(defaults)) {
    const cur = section.shape[k] as z.ZodType | undefined;
    if (!cur) throw new Error(`withDefaults: the section has no key '${k}' (keys: ${Object.keys(section.shape).join(', ')}).`);
    if (v === undefined) continue;
    let inner = cur;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodPrefault) inner = inner.unwrap() as z.ZodType;
    const next = inner.default(v as never);
    shape[k] = cur.description ? next.describe(cur.description) : next;
  }
  return section.extend(shape) as unknown as S;
}

/**
 * Attaches one description per key of a shape, from a table typed so that no key can be left out
 * (for sections whose key lines are better left as they are).
 */
export function describeShape<T extends z.ZodRawShape>(shape: T, docs: { [K in keyof T]: string }): T {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) out[k] = (v as z.ZodType).describe(docs[k as keyof T]);
  return out as unknown as T;
}

/** The training loop's settings, with genlab's defaults; models adjust them through `trainSchema`. */
export const trainSection = z.strictObject({
  steps: z.number().int().positive().default(2000).describe('Training steps (optimizer updates; for GANs, discriminator updates).'),
  batchSize: z.number().int().positive().default(128).describe('Examples per training batch.'),
  optimizer: z.enum(['adam', 'adamw', 'rmsprop', 'sgd']).default('adam').describe('Optimizer of every network.'),
  lr: z.number().positive().default(1e-3).describe('Peak learning rate (after warm-up, before decay).'),
  beta1: z.number().min(0).max(1).default(0.9).describe('Adam/AdamW β₁; SGD momentum (0 = plain SGD); unused by RMSProp.'),
  beta2: z.number().min(0).max(1).default(0.999).describe('Adam/AdamW β₂ (RMSProp: decay of the squared-gradient average).'),
  eps: z.number().positive().default(1e-8).describe("The optimizer's ε added to the denominator."),
  weightDecay: z.number().min(0).default(0).describe('Decoupled weight decay (AdamW) or L2 (others); 0 = off.'),
  gradClip: z.number().min(0).default(0).describe('Global-norm gradient clipping threshold; 0 = off.'),
  lrSchedule: z.enum(['constant', 'cosine', 'linear']).default('constant').describe('Learning-rate decay after warm-up, down to minLr at the last step.'),
  warmupSteps: z.number().int().min(0).default(0).describe('Steps of linear learning-rate warm-up from 0.'),
  minLr: z.number().min(0).default(0).describe('Learning rate at the end of a cosine/linear schedule.'),
  ema: z.number().min(0).max(1).default(0).describe('EMA decay of the weights used for sampling; 0 = off.'),
  evalEvery: z.number().int().min(0).default(500).describe('Steps between held-out evaluations (0 = only at the end).'),
  checkpointEvery: z.number().int().min(0).default(1000).describe('Steps between checkpoints (0 = only at the end and on interrupt).'),
  keepCheckpoints: z.number().int().positive().default(3).describe('Complete checkpoints kept in checkpoints/ (the last known good one is kept besides).'),
  lossJumpFactor: z.number().min(0).default(1000).describe('A checkpoint counts as good only if the loss at its weights (the sum of |losses| of the next step) stays within this factor of the smallest one before it (0 = finite is enough).'),
  logEvery: z.number().int().positive().default(10).describe('Steps between writes of the run log (log.jsonl holds every step).'),
  dp: dpSection.optional().describe('DP-SGD (per-example clipping + Gaussian noise + RDP accountant); absent = off'),
});

/** The resolved training-loop settings. */
export type TrainConfig = z.output<typeof trainSection>;

/** Defaults every model starts from. */
export const TRAIN_DEFAULTS: TrainConfig = trainSection.parse({});

/** The `train` section with a model's own defaults (its recipe's budget). */
export function trainSchema(defaults: Partial<TrainConfig> = {}) {
  return withDefaults(trainSection, defaults).prefault({});
}

/**
 * Data source settings: a dataset name (see `genlab list --datasets`), its path and the options its
 * table entry takes (each left unset falls back to the dataset's own default; one it does not take is
 * an error naming the dataset). `binarize` and `shift` are training-time transforms, not loader options.
 */
export function dataSchema(defaults: { name: string; binarize?: 'none' | 'dynamic' | 'threshold'; shift?: number }) {
  const posInt = () => z.number().int().positive();
  return z
    .strictObject({
      name: z.string().default(defaults.name).describe('dataset name (genlab list --datasets)'),
      path: z.string().optional().describe('file or folder to read; image datasets read a folder by what it holds (IDX files, or PNG/JPEG images)'),
      binarize: z.enum(['none', 'dynamic', 'threshold']).default(defaults.binarize ?? 'none')
        .describe("'dynamic' draws Bernoulli pixels every batch (standard for binarised-MNIST likelihoods); 'threshold' rounds at 0.5"),
      shift: z.number().int().min(0).default(defaults.shift ?? 0).describe('training augmentation: random translation of images by up to this many pixels (0 = off)'),
      trainSize: posInt().optional().describe('keep the first N training examples (toy sets: number of training points)'),
      testSize: posInt().optional().describe('keep the first N test examples (csv/tabular: held-out rows)'),
      trainClasses: z.array(z.number().int().min(0)).optional().describe('labelled data: keep only these classes in the train split (one-class anomaly detection)'),
      seed: z.number().int().optional().describe('seed of the dataset draws or of its train/test split'),
      testFraction: z.number().gt(0).lt(1).optional().describe('images/audio/sequences: fraction held out for test (seeded split; default 0.1)'),
      labels: z.boolean().optional().describe('images/audio: use top-level sub-folder names as class labels (default true)'),
      channels: z.number().int().refine((v) => v === 1 || v === 3, 'must be 1 or 3').optional()
        .describe('images: 1 (grey) or 3 (RGB); default 1 when every image is grey, else 3 (alpha is composited on white)'),
      resize: z.array(posInt()).min(1).max(2).optional().describe('images: resize (bilinear) to N (square) or H,W; without it all images must share one size'),
      direction: z.enum(['AtoB', 'BtoA']).optional().describe('paired-images: which half of each A|B file is the input (default AtoB)'),
      sampleRate: posInt().optional().describe('audio: resample every clip to this rate in Hz (default 16000)'),
      clipSeconds: z.number().positive().optional().describe('audio: clip length in seconds, cropped or zero-padded (default 1)'),
      columns: z.array(z.string()).optional().describe('csv/tabular: numeric columns to use (default all)'),
      labelColumn: z.string().optional().describe('csv/tabular: categorical column whose categories become labels'),
      columnTypes: z.array(z.string().regex(/^.+:(numeric|categorical)$/, "each entry is 'column:numeric' or 'column:categorical'")).optional()
        .describe("tabular: declared column types as column:numeric / column:categorical (others inferred)"),
      columnSpec: z.string().optional().describe('table: a JSON file declaring column kinds (continuous, integer, datetime, categorical, ordinal, boolean); others inferred'),
      missing: z.array(z.string()).optional().describe("tabular: cell values that count as missing (default '?' and the empty cell)"),
      dropMissingRows: z.boolean().optional().describe('tabular: drop rows with a missing value in the chosen numeric columns'),
      maxLength: posInt().optional().describe("sequences: keep each user's most recent N items (default 200)"),
      minRating: z.number().optional().describe('sequences: keep only interactions rated at least this'),
      blockSize: posInt().optional().describe('text: context length of each window'),
      tokenizer: z.enum(['char', 'bpe']).optional().describe("text: 'char' or a byte-level 'bpe' learned on the train split"),
      vocabSize: posInt().optional().describe('text: vocabulary size of a learned BPE; bow: number of words kept'),
      encoding: z.enum(['utf-8', 'latin1']).optional().describe('text/bow: file encoding'),
    })
    .prefault({});
}

/** The resolved data settings (the output type of dataSchema). */
export type DataConfig = z.output<ReturnType<typeof dataSchema>>;

/** The shape every model config has; `data.shift` is absent where the data are not images (text, word counts). */
export interface BaseConfig {
  seed: number;
  model: object;
  data: Omit<DataConfig, 'shift'> & { shift?: number };
  train: TrainConfig;
}

/** A model's full config: the shared sections plus its own network options `M`. */
export type ModelConfig<M extends object> = BaseConfig & { model: M };

/**
 * The strict schema of a full config `{ seed, model, data, train }`: `model` is the network's own
 * fields (each with its default); `data` and `train` come from dataSchema/trainSchema or a custom one.
 */
export function modelConfigSchema<M extends z.ZodRawShape, D extends z.ZodType, T extends z.ZodType>(parts: { seed?: number; model: M; data: D; train: T }) {
  return z.strictObject({
    seed: seedSchema(parts.seed),
    model: z.strictObject(parts.model).prefault({} as never),
    data: parts.data,
    train: parts.train,
  });
}

/** The `seed` key every config has. */
export function seedSchema(seed = 1) {
  return z.number().int().default(seed).describe('Seed of every random stream (weights, data order, noise).');
}
