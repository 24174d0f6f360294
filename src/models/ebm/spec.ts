// Registry entry of the energy-based family: an EBM trained by contrastive divergence with short-run
// SGLD and a replay buffer (Du & Mordatch 2019) on 2-D points (default ring of 8) or MNIST (preset).
import { z } from 'zod';
import { dataSchema, modelConfigSchema, trainSchema } from '../../config/common.js';
import type { ModelEntry, WithRecipeSection } from '../entry.js';
import { initWeights } from '../../nn/init.js';
import { EnergyModel } from './ebm.js';
import { EBM_SAMPLERS, ebmModelShape } from './config.js';

const schema = modelConfigSchema({
  model: ebmModelShape,
  data: dataSchema({ name: 'ring-8' }),
  train: trainSchema({ steps: 3000, batchSize: 128, lr: 1e-3, beta1: 0, beta2: 0.999, evalEvery: 0, checkpointEvery: 1000 }),
});

/** EBM config: seed, model, data and train; the `cd` section belongs to the contrastive-divergence recipe. */
export type EbmConfig = z.output<typeof schema>;

/** The EBM. */
export const ebmSpec: ModelEntry<WithRecipeSection<EbmConfig, 'cd'>> = {
  id: 'ebm',
  family: 'ebm',
  description: 'Energy-based model trained by contrastive divergence with short-run SGLD and a replay buffer (2-D points; MNIST preset)',
  schema,
  presets: {
    tiny: {
      model: { hidden: [16, 16], trainSteps: 3, sampleSteps: 5 },
      data: { trainSize: 256, testSize: 64 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
      cd: { bufferSize: 64 },
    },
    // 2-D mixtures (ring of 8, σ = 0.02): the Du & Mordatch recipe (persistent chains, long-run sampling
    // from noise) with a landscape SGLD can descend. Fourier features at scale 0.3 resolve the 8 modes a
    // plain MLP blurs into a ring, while scales 0.5–2 leave a bumpy far field whose local minima trap
    // chains; lr 2e-4 with α = 1 keeps the energy from outrunning the chains (at lr 2e-3, α = 0.1 it
    // saturated at E = ∓1/(2α) within ~25 steps and the negatives never reached the wells). With
    // `cd.reinit=1 model.sampler=short-run` it is noise-initialised short-run CD (Nijkamp et al. 2019).
    toy: {
      model: { fourierFeatures: 64, fourierScale: 0.3, trainSteps: 30, noise: 0.01 },
      train: { steps: 1000, lr: 2e-4 },
      cd: { alpha: 1 },
    },
    mnist: {
      model: { arch: 'conv', hidden: [128], filters: 16, box: [0, 1], stepSize: 10, noise: 0.005, sampleNoise: 0.005, gradClip: 0.01, trainSteps: 60, sampleSteps: 200 },
      data: { name: 'mnist' },
      train: { steps: 3000, batchSize: 64, lr: 1e-4, beta1: 0, beta2: 0.999 },
    },
  },
  // the plain CD defaults blur the ring's 8 modes into one valley; `toy` covers all 8 (README)
  presetByDataKind: { vector: 'toy', image: 'mnist' },
  capabilities: { data: ['vector', 'image'], conditional: false, output: 'points', latent: false, likelihood: false, tasks: ['energy'], sampling: { samplers: EBM_SAMPLERS, steps: true, eta: false } },
  recipe: 'contrastive-divergence',
  create(config, rng, data) {
    const m = new EnergyModel(config.model, data);
    initWeights(Object.values(m.networks), rng);
    m.initFourier(rng);
    return m;
  },
};
