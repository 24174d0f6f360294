// Registry entry for TVAE: the ctgan package's defaults (Adam 1e-3, L2 1e-5, batch 500, 300 epochs).
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema, withDefaults } from '../../config/common.js';
import { initWeights } from '../../nn/init.js';
import type { ModelSpec } from '../types.js';
import { Tvae } from './tvae.js';
import { tvaeModelSection } from './tvae-config.js';

/** Steps of 300 epochs of batches of 500 over Adult's 80 % training split (26,048 rows: 52 batches an epoch). */
export const ADULT_300_EPOCHS = 300 * Math.floor(26048 / 500);

const schema = z.strictObject({
  seed: seedSchema(),
  model: withDefaults(tvaeModelSection, {}).prefault({}),
  data: dataSchema({ name: 'table', binarize: 'none' }),
  train: trainSchema({ steps: ADULT_300_EPOCHS, batchSize: 500, lr: 1e-3, weightDecay: 1e-5, evalEvery: 2600, checkpointEvery: 2600, logEvery: 52 }),
});

/** Full TVAE config. */
export type TvaeConfig = z.output<typeof schema>;

/** TVAE on a CSV/ARFF table (data.name=table). */
export const tvaeSpec: ModelSpec<TvaeConfig> = {
  id: 'tvae',
  family: 'vae',
  description: 'TVAE (Xu et al. 2019): a VAE on mode-normalised table rows; synthetic CSV rows, conditional by rejection',
  schema,
  presets: {
    // DP-SGD at ε 8 on Adult (measured in the README): a fixed σ, a heavier reconstruction term so that z
    // carries the rows' structure through the noise, a small z, batches of 1,000, 50 epochs
    dp: {
      model: { embeddingDim: 32, lossFactor: 5, learnSigma: false },
      train: { batchSize: 1000, steps: 50 * Math.floor(26048 / 1000), evalEvery: 0, checkpointEvery: 650, logEvery: 26 },
    },
    tiny: {
      model: { embeddingDim: 8, compressDims: [16], decompressDims: [16] },
      data: { name: 'toy-table', trainSize: 200, testSize: 50 },
      train: { steps: 20, batchSize: 32, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
  },
  capabilities: { data: ['table'], conditional: false, output: 'table', latent: true, likelihood: false, tasks: ['table'] },
  recipe: 'likelihood',
  create(config, rng, data) {
    const tvae = new Tvae(config.model, data);
    initWeights(Object.values(tvae.networks), rng);
    tvae.resetSigma();
    return tvae;
  },
};
