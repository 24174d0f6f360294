// Config sections shared by every model: the training loop's knobs and the data source.
// Models build their full schema as { seed, model, data, train } from these factories.
import { z } from 'zod';

/** Training-loop settings; `defaults` lets a model pick its own recipe defaults. */
export function trainSchema(defaults: Partial<TrainConfig> = {}) {
  const d = { ...TRAIN_DEFAULTS, ...defaults };
  return z
    .strictObject({
      steps: z.number().int().positive().default(d.steps),
      batchSize: z.number().int().positive().default(d.batchSize),
      optimizer: z.enum(['adam', 'adamw', 'rmsprop', 'sgd']).default(d.optimizer),
      lr: z.number().positive().default(d.lr),
      beta1: z.number().min(0).max(1).default(d.beta1),
      beta2: z.number().min(0).max(1).default(d.beta2),
      eps: z.number().positive().default(d.eps),
      weightDecay: z.number().min(0).default(d.weightDecay),
      gradClip: z.number().min(0).default(d.gradClip),
      lrSchedule: z.enum(['constant', 'cosine', 'linear']).default(d.lrSchedule),
      warmupSteps: z.number().int().min(0).default(d.warmupSteps),
      minLr: z.number().min(0).default(d.minLr),
      ema: z.number().min(0).max(1).default(d.ema),
      evalEvery: z.number().int().min(0).default(d.evalEvery),
      checkpointEvery: z.number().int().min(0).default(d.checkpointEvery),
      logEvery: z.number().int().positive().default(d.logEvery),
    })
    .prefault({});
}

/** The resolved training-loop settings. */
export interface TrainConfig {
  steps: number;
  batchSize: number;
  optimizer: 'adam' | 'adamw' | 'rmsprop' | 'sgd';
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay (AdamW) or L2 (others); 0 = off. */
  weightDecay: number;
  /** Global-norm gradient clipping threshold; 0 = off. */
  gradClip: number;
  lrSchedule: 'constant' | 'cosine' | 'linear';
  warmupSteps: number;
  minLr: number;
  /** EMA decay of the weights used for sampling; 0 = off. */
  ema: number;
  /** Steps between held-out evaluations (0 = only at the end). */
  evalEvery: number;
  /** Steps between checkpoints (0 = only at the end and on interrupt). */
  checkpointEvery: number;
  logEvery: number;
}

/** Defaults every model starts from. */
export const TRAIN_DEFAULTS: TrainConfig = {
  steps: 2000,
  batchSize: 128,
  optimizer: 'adam',
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  gradClip: 0,
  lrSchedule: 'constant',
  warmupSteps: 0,
  minLr: 0,
  ema: 0,
  evalEvery: 500,
  checkpointEvery: 1000,
  logEvery: 10,
};

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

/** The shape every model config has. */
export interface BaseConfig {
  seed: number;
  model: object;
  data: DataConfig;
  train: TrainConfig;
}

/** A model's full config: the shared sections plus its own network options `M`. */
export interface ModelConfig<M extends object> extends BaseConfig {
  model: M;
}

/**
 * The strict schema of a full config `{ seed, model, data, train }`: `model` is the network's own
 * fields (each with its default); `data` and `train` come from dataSchema/trainSchema or a custom one.
 */
export function modelConfigSchema<C extends BaseConfig>(parts: { seed?: number; model: z.ZodRawShape; data: z.ZodType; train: z.ZodType }): z.ZodType<C> {
  return z.strictObject({
    seed: z.number().int().default(parts.seed ?? 1),
    model: z.strictObject(parts.model).prefault({}),
    data: parts.data,
    train: parts.train,
  }) as unknown as z.ZodType<C>;
}
