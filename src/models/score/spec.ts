// Registry entry of the score-based family: an NCSN on 2-D points, denoising score matching with EMA,
// annealed Langevin sampling (Song & Ermon 2019).
import type { z } from 'zod';
import { dataSchema, trainSchema, modelConfigSchema } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { initWeights } from '../../nn/init.js';
import { ScoreModel } from './score-model.js';
import { scoreModelShape } from './config.js';

const schema = modelConfigSchema({
  model: scoreModelShape,
  data: dataSchema({ name: 'swiss-roll' }),
  train: trainSchema({ steps: 4000, batchSize: 256, lr: 2e-3, ema: 0.995, evalEvery: 1000, checkpointEvery: 2000 }),
});

/** Full score-model config. */
export type ScoreConfig = z.output<typeof schema>;

/** NCSN on 2-D data. */
export const scoreSpec: ModelSpec<ScoreConfig> = {
  id: 'score-2d',
  family: 'diffusion',
  description: 'Noise-conditional score network on 2-D points: denoising score matching + annealed Langevin dynamics (NCSN)',
  schema,
  presets: {
    tiny: {
      model: { hidden: [16, 16], embDim: 8, numLevels: 4, stepsPerLevel: 5 },
      data: { trainSize: 256, testSize: 64 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
  },
  capabilities: { data: ['vector'], conditional: false, output: 'points', latent: false, likelihood: false, sampling: { samplers: [], steps: true, eta: false } },
  recipe: 'denoising',
  create(config, rng, data) {
    const m = new ScoreModel(config.model, data);
    initWeights(Object.values(m.networks), rng);
    return m;
  },
};
