// Registry entry for CTGAN: the ctgan package's defaults (Adam 2e-4, β (0.5, 0.9), L2 1e-6, batch 500,
// 300 epochs, pac 10), trained by training-by-sampling.
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema, withDefaults } from '../../config/common.js';
import { initWeights } from '../../nn/init.js';
import type { ModelSpec } from '../types.js';
import { Ctgan } from './ctgan.js';
import { ctganModelSection } from './ctgan-config.js';
import { ADULT_300_EPOCHS } from './tvae-spec.js';

const schema = z.strictObject({
  seed: seedSchema(),
  model: withDefaults(ctganModelSection, {}).prefault({}),
  data: dataSchema({ name: 'table', binarize: 'none' }),
  train: trainSchema({ steps: ADULT_300_EPOCHS, batchSize: 500, lr: 2e-4, beta1: 0.5, beta2: 0.9, weightDecay: 1e-6, evalEvery: 0, checkpointEvery: 2600, logEvery: 52 }),
});

/** Full CTGAN config. */
export type CtganConfig = z.output<typeof schema>;

/** CTGAN on a CSV/ARFF table (data.name=table). */
export const ctganSpec: ModelSpec<CtganConfig> = {
  id: 'ctgan',
  family: 'gan',
  description: 'CTGAN (Xu et al. 2019): conditional WGAN-GP with training-by-sampling on mode-normalised table rows; --condition col=value',
  schema,
  presets: {
    tiny: {
      model: { embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], pac: 2 },
      data: { name: 'toy-table', trainSize: 200, testSize: 50 },
      train: { steps: 20, batchSize: 32, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
  },
  capabilities: { data: ['table'], conditional: false, output: 'table', latent: false, likelihood: false, tasks: ['table'] },
  recipe: 'training-by-sampling',
  create(config, rng, data) {
    const m = new Ctgan(config.model, data);
    initWeights([m.networks.generator, m.networks.discriminator], rng);
    return m;
  },
};
