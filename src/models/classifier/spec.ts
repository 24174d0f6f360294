// Registry entry for the image classifier that genlab trains for its evaluation features.
import type { z } from 'zod';
import { dataSchema, trainSchema, modelConfigSchema } from '../../config/common.js';
import { initWeights } from '../../nn/init.js';
import type { ModelSpec } from '../types.js';
import { Classifier } from './classifier.js';
import { classifierModelShape } from './config.js';

const schema = modelConfigSchema({
  model: classifierModelShape,
  data: dataSchema({ name: 'mnist' }),
  train: trainSchema({ steps: 3750, batchSize: 64, lr: 1e-3, lrSchedule: 'cosine', minLr: 1e-5, evalEvery: 1250, checkpointEvery: 1250 }),
});

/** Full classifier config. */
export type ClassifierConfig = z.output<typeof schema>;

/** The feature-extractor classifier (MNIST / Fashion-MNIST). */
export const classifierSpec: ModelSpec<ClassifierConfig> = {
  id: 'classifier',
  family: 'classifier',
  description: 'Convnet image classifier; its penultimate features and softmax drive FID/KID/PR/IS',
  schema,
  presets: {
    tiny: {
      model: { filters: [4, 8], featureDim: 16 },
      data: { trainSize: 256, testSize: 64 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
    'fashion-mnist': { data: { name: 'fashion-mnist' }, train: { steps: 6000 } },
    // Opacus's MNIST DP-SGD example (examples/mnist_README.md, ε 1.19 row: 94.63 ± 0.34 %): SampleConvNet,
    // PyTorch's init, plain SGD 0.25, C 1.5, sampling rate 0.004 (batch 240 of 60,000), 15 epochs; σ from an
    // ε 1.2 budget by Opacus 1.x's conversion (1.12; --set train.dp.noiseMultiplier=1.3 is the README's run)
    dp: {
      model: { net: 'sample-convnet', filters: [16, 32], featureDim: 32, inputNorm: [0.1307, 0.3081], init: 'torch' },
      train: {
        steps: 3750, batchSize: 240, optimizer: 'sgd', lr: 0.25, beta1: 0, lrSchedule: 'constant', evalEvery: 0, checkpointEvery: 1250,
        dp: { targetEpsilon: 1.2, maxGradNorm: 1.5 },
      },
    },
  },
  capabilities: { data: ['image'], conditional: false, output: 'labels', latent: false, likelihood: false },
  recipe: 'likelihood',
  create(config, rng, data) {
    const model = new Classifier(config.model, data);
    initWeights(Object.values(model.networks), rng, config.model.init);
    return model;
  },
};
