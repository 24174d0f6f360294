// Public API of the GAN family: model, networks, losses and penalties and the shared discriminator blocks
// (the adversarial recipe and the mode-collapse benchmark are exported by src/index.ts).
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
