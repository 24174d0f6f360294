// genlab's public, platform-neutral API (Node-only helpers are in 'genlab/node').
export { tf, tfl } from './engine/tf.js';
export { initEngine, engineInfo, BACKENDS, type BackendName, type EngineInfo } from './engine/backend.js';
export { Rng, type RngState } from './random/rng.js';
export * from './config/index.js';
export * from './models/types.js';
export { MODEL_SPECS, getSpec, resolveModelConfig, resolveModelConfigAndPreset, presetOf, presetForDataKind, DEFAULTS_PRESET, composeEntry, type PresetChoice, type ModelConfigOptions } from './registry.js';
export type { ModelEntry, WithRecipeSection } from './models/entry.js';
export { Vae, type VaeModelConfig } from './models/vae/vae.js';
export type { VaeConfig } from './models/vae/spec.js';
export { runTrainer, evalBatches, type TrainOptions, type TrainResult, type PrepareBatch } from './train/trainer.js';
export { NonFiniteLossError, type TrainEvent, type TrainListener, type CheckpointReason } from './train/events.js';
export type { Recipe, RecipeFactory, StepInput, RecipeEntry, RecipeSection } from './train/recipe.js';
export { RECIPES, getRecipe, recipeEntry } from './train/recipes/index.js';
export { createOptimizer, type Optimizer, type NamedTensor } from './train/optimizers.js';
export { learningRateAt } from './train/lr-schedule.js';
export { WeightEma } from './train/ema.js';
export { makePrepare } from './train/prepare.js';
export { interpolateLatents, slerpVectors, type Interpolation } from './samplers/latent-walk.js';
export type { Batch, Dataset, DataKind } from './data/types.js';
export { imageGrid, scatterPlot, heatmap, type RgbaImage } from './io/png.js';
export { renderReport, type RunReport } from './io/report.js';
export * from './models/gpt/index.js';
export * from './models/gan/index.js';
export * from './models/vae/index.js';
export * from './models/diffusion/index.js';
export { adversarialRecipe } from './train/recipes/adversarial.js';
export { adversarialSchema, adversarialSection, readAdversarialOptions, type AdversarialOptions } from './train/recipes/adversarial-options.js';
export { cdSchema, cdSection, CD_DEFAULTS, type CdOptions } from './train/recipes/contrastive-divergence.js';
export { modeCoverage, meanStd, type ModeCoverage, type ModeCoverageOptions } from './metrics/mode-coverage.js';
export {
  runModeBenchmark, runModeExperiment, formatModeTable, DEFAULT_MODE_MODELS, MODE_DATASETS,
  type ModeBenchmarkOptions, type ModeBenchmarkRow, type ModeRun, type ModeDataset,
} from './experiments/mode-sweep.js';
