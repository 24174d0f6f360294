// Public API of the GAN family: model, networks, losses and penalties, the shared discriminator blocks,
// the adversarial recipe's options and the mode-collapse benchmark.
export { Gan, type GanModelConfig } from './gan.js';
export { GAN_SPECS, type GanConfig } from './spec.js';
export type { AdversarialModel, DiscriminatorOutput } from './types.js';
export { buildGenerator, buildDiscriminator, dcganGeometry, type GanNetConfig } from './networks.js';
export { GAN_LOSSES, discriminatorLoss, generatorLoss, featureMatchingLoss, bceWithLogits, type GanLoss } from './losses.js';
export { gradientPenalty, safeRowNorm, clipWeights, type GradientPenalty } from './penalty.js';
export { initGanWeights } from './init.js';
export { SNDense, SNConv2D, powerIteration, spectralSigma, stopGradient } from '../../nn/spectral-norm.js';
export { MinibatchDiscrimination } from '../../nn/minibatch-discrimination.js';
export { MinibatchStddev, minibatchStddev } from '../../nn/minibatch-stddev.js';
export { adversarialRecipe } from '../../train/recipes/adversarial.js';
export { adversarialSchema, readAdversarialOptions, type AdversarialOptions } from '../../train/recipes/adversarial-options.js';
export { modeCoverage, meanStd, type ModeCoverage, type ModeCoverageOptions } from '../../bench/mode-coverage.js';
export {
  runModeBenchmark, runModeExperiment, formatModeTable, DEFAULT_MODE_MODELS, MODE_DATASETS,
  type ModeBenchmarkOptions, type ModeBenchmarkRow, type ModeRun, type ModeDataset,
} from '../../bench/modes.js';
