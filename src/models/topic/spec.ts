// Registry entry for ProdLDA (Srivastava & Sutton 2017): a neural topic model on bag-of-words
// paragraphs of the Gutenberg texts (dataset 'bow').
import { z } from 'zod';
import { trainSchema, modelConfigSchema, type ModelConfig } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { initWeights } from '../../nn/init.js';
import { ProdLda, type ProdLdaModelConfig } from './prodlda.js';

/** Full ProdLDA config. */
export type ProdLdaConfig = ModelConfig<ProdLdaModelConfig>;

const schema = modelConfigSchema<ProdLdaConfig>({
  model: {
    topics: z.number().int().min(2).default(20),
    hidden: z.array(z.number().int().positive()).default([100, 100]),
    alpha: z.number().positive().default(1),
    klWarmup: z.number().int().min(0).default(0),
    thetaScale: z.number().positive().default(1),
  },
  data: z
    .strictObject({
      name: z.string().default('bow'),
      path: z.string().optional(),
      binarize: z.enum(['none', 'dynamic', 'threshold']).default('none'),
      trainSize: z.number().int().positive().optional(),
      testSize: z.number().int().positive().optional(),
      trainClasses: z.array(z.number().int().min(0)).optional(),
      vocabSize: z.number().int().min(2).default(2000),
    })
    .prefault({}),
  // the paper's optimiser: Adam with β₁ = 0.99 and a high learning rate
  train: trainSchema({ steps: 3000, batchSize: 200, lr: 2e-3, beta1: 0.99, evalEvery: 500, checkpointEvery: 1000 }),
});

/** ProdLDA: logistic-normal VAE topic model; `genlab topics DIR` prints its topics and NPMI. */
export const prodLdaSpec: ModelSpec<ProdLdaConfig> = {
  id: 'prodlda',
  family: 'vae',
  description: 'ProdLDA neural topic model (VAE on bag-of-words, logistic-normal prior); see `genlab topics`',
  schema,
  presets: {
    tiny: {
      model: { topics: 4, hidden: [16] },
      data: { vocabSize: 200, trainSize: 400, testSize: 100 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
    // the acceptance run: KL warm-up and the θ gain keep the topics in use (no BN here, unlike the paper)
    gutenberg: {
      model: { topics: 20, hidden: [100, 100], klWarmup: 600, thetaScale: 20 },
      data: { vocabSize: 1000 },
      train: { steps: 1500, batchSize: 128, lr: 2e-3, beta1: 0.9 },
    },
  },
  capabilities: { data: ['vector'], conditional: false, output: 'table', latent: true, likelihood: false, tasks: ['topics'] },
  recipe: 'likelihood',
  create(config, rng, data) {
    const model = new ProdLda(config.model, data);
    initWeights(Object.values(model.networks), rng);
    return model;
  },
};
