// The contract between the generic Trainer and the small per-objective recipes.
import type { Rng } from '../random/rng.js';
import type { Batch } from '../data/types.js';
import type { BaseConfig } from '../config/common.js';
import type { z } from 'zod';
import type { GenModel, RecipeId } from '../models/types.js';
import type { Dataset } from '../data/types.js';
import type { NamedTensor } from './optimizers.js';

/** What the trainer hands a recipe for one step. */
export interface StepInput {
  batch: Batch;
  /** 0-based global step. */
  step: number;
  /** Learning rate from the schedule for this step. */
  lr: number;
  /** Number of training examples (the sampling rate of DP-SGD's accountant is batchSize / datasetSize). */
  datasetSize?: number;
}

/** A training objective + its optimizers; stateful only through `getState`/`setState`. */
export interface Recipe {
  /** Runs one optimisation step; returns named scalar losses (plain numbers). */
  step(input: StepInput): Record<string, number>;
  /** Held-out metrics averaged over the given (already prepared) batches. */
  evaluate?(batches: Iterable<Batch>): Record<string, number>;
  /** Runs `fn` with the weights used for sampling (EMA when enabled). */
  withSamplingWeights<T>(fn: () => T): T;
  /** Optimizer/EMA/recipe-RNG state for checkpoints. */
  getState(): { tensors: NamedTensor[]; json: Record<string, unknown> };
  setState(state: { tensors: NamedTensor[]; json: Record<string, unknown> }): void;
  dispose(): void;
}

/**
 * Builds a recipe for a model and its resolved config; `rng` drives the recipe's own noise. `data` is the
 * training split, for recipes that draw their own rows (CTGAN's training-by-sampling) or fit in closed form.
 */
export type RecipeFactory = (model: GenModel, config: BaseConfig, rng: Rng, data?: Dataset) => Recipe;

/** A recipe's own config section: its key in the config and its schema, given an entry's defaults for it. */
export interface RecipeSection {
  key: string;
  schema(defaults: Record<string, unknown>): z.ZodType;
}

/** One row of the recipe table: a registry entry names it by `id`; `section` is the config it reads. */
export interface RecipeEntry {
  id: RecipeId;
  build: RecipeFactory;
  section?: RecipeSection;
  /** Whether the recipe honours `train.dp` (DP-SGD, src/privacy/dp-sgd.ts); a run setting it with any other recipe is refused. */
  dp?: boolean;
}
