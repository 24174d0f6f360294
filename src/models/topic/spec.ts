// Registry entry for ProdLDA (Srivastava & Sutton 2017): a neural topic model on bag-of-words
// paragraphs of the Gutenberg texts (dataset 'bow').
import { z } from 'zod';
import { trainSchema, modelConfigSchema } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { initWeights } from '../../nn/init.js';
import { ProdLda } from './prodlda.js';
import { prodLdaModelShape } from './config.js';

const schema = modelConfigSchema({
  model: prodLdaModelShape,
  data: z
    .strictObject({
      name: z.string().default('bow').describe("Dataset name ('bow': bag-of-words paragraphs; see `genlab list --datasets`)."),
      path: z.string().optional().describe('A .txt file or a folder of them whose paragraphs are the documents (default: the bundled Gutenberg texts).'),
      binarize: z.enum(['none', 'dynamic', 'threshold']).default('none').describe('Image binarisation (unused for word counts; kept for the shared data keys).'),
      trainSize: z.number().int().positive().optional().describe('Keep at most this many training documents (default all).'),
      testSize: z.number().int().positive().optional().describe('Held-out documents (default 10 %).'),
      trainClasses: z.array(z.number().int().min(0)).optional().describe('Labelled data: keep only these classes in the train split.'),
      vocabSize: z.number().int().min(2).default(2000).describe('Vocabulary size: the most document-frequent words.'),
    })
    .prefault({}),
  // the paper's optimiser: Adam with β₁ = 0.99 and a high learning rate
  train: trainSchema({ steps: 3000, batchSize: 200, lr: 2e-3, beta1: 0.99, evalEvery: 500, checkpointEvery: 1000 }),
});

/** Full ProdLDA config. */
export type ProdLdaConfig = z.output<typeof schema>;

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
  presetByDataKind: { vector: 'gutenberg' },
  capabilities: { data: ['vector'], conditional: false, output: 'table', latent: true, likelihood: false, tasks: ['topics'] },
  recipe: 'likelihood',
  create(config, rng, data) {
    const model = new ProdLda(config.model, data);
    initWeights(Object.values(model.networks), rng);
    return model;
  },
};
