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

/** Data source settings: a dataset name (see `genlab list --datasets`) and an optional path. */
export function dataSchema(defaults: { name: string; binarize?: 'none' | 'dynamic' | 'threshold'; shift?: number }) {
  return z
    .strictObject({
      name: z.string().default(defaults.name),
      path: z.string().optional(),
      binarize: z.enum(['none', 'dynamic', 'threshold']).default(defaults.binarize ?? 'none'),
      shift: z.number().int().min(0).default(defaults.shift ?? 0),
      trainSize: z.number().int().positive().optional(),
      testSize: z.number().int().positive().optional(),
      trainClasses: z.array(z.number().int().min(0)).optional(),
      labelColumn: z.string().optional(),
    })
    .prefault({});
}

/** The resolved data settings. */
export interface DataConfig {
  name: string;
  path?: string;
  /** 'dynamic' draws Bernoulli pixels every batch (standard for binarised-MNIST likelihoods). */
  binarize: 'none' | 'dynamic' | 'threshold';
  /** Training augmentation: random translation of images by up to this many pixels (0 = off). */
  shift: number;
  trainSize?: number;
  testSize?: number;
  /** Labelled data: keep only these classes in the train split (one-class anomaly detection). */
  trainClasses?: number[];
  /** Csv: categorical column whose categories become labels. */
  labelColumn?: string;
  /** Text: window length (the model's context). */
  blockSize?: number;
  /** Text: 'char' or a byte-level 'bpe' learned on the train split. */
  tokenizer?: 'char' | 'bpe';
  /** Text: vocabulary size of a learned BPE. */
  vocabSize?: number;
  /** Text: file encoding. */
  encoding?: 'utf-8' | 'latin1';
}

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
