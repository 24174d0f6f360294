// Registry entries for VAE variants: β-VAE on the procedural shapes (Higgins et al. 2017; capacity
// annealing, Burgess et al. 2018) and the conditional VAE on labelled digits (Sohn et al. 2015).
import type { ModelSpec } from '../types.js';
import { initWeights } from '../../nn/init.js';
import { Vae } from './vae.js';
import { VECTOR_VAE, vaeSchema, type VaeConfig } from './spec.js';

/** β-VAE: β = 4 on the dSprites-like 'shapes' dataset; the `capacity` preset anneals the KL target instead. */
export const betaVaeSpec: ModelSpec<VaeConfig> = {
  id: 'beta-vae',
  family: 'vae',
  description: 'β-VAE (β = 4) or capacity-annealed β-VAE on procedural dSprites-like shapes; see `genlab eval mig`, `genlab traverse`',
  schema: vaeSchema({
    model: { hidden: [512, 256], latentDim: 10, beta: 4 },
    data: { name: 'shapes', binarize: 'none' },
    train: { steps: 3000, batchSize: 64, evalEvery: 1000, checkpointEvery: 1000 },
  }),
  presets: {
    tiny: {
      model: { hidden: [32], latentDim: 4 },
      data: { trainSize: 64, testSize: 32 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
    // plain VAE baseline for the MIG comparison (same networks and steps, β = 1)
    vae: { model: { beta: 1 } },
    // the small CPU budget of the MIG acceptance runs (compare with --set model.beta=1)
    mig: { model: { hidden: [256], latentDim: 10 }, train: { steps: 1200, batchSize: 64, evalEvery: 0, checkpointEvery: 0 } },
    // Burgess et al. 2018: γ·|KL − C|, C growing linearly to 25 nats
    capacity: { model: { capacity: 25, capacitySteps: 2500, gamma: 100 } },
    vector: VECTOR_VAE,
  },
  presetByDataKind: { vector: 'vector' },
  capabilities: { data: ['image', 'vector'], conditional: false, output: 'image', latent: true, likelihood: true },
  recipe: 'likelihood',
  create(config, rng, data) {
    const vae = new Vae(config.model, data);
    initWeights(Object.values(vae.networks), rng);
    return vae;
  },
};

/** Conditional VAE: q(z|x, y), p(x|z, y) with one-hot labels; `sample(n, rng, { labels })` draws requested classes. */
export const cvaeSpec: ModelSpec<VaeConfig> = {
  id: 'cvae',
  family: 'vae',
  description: 'Conditional VAE (labels into encoder and decoder) on MNIST; samples a requested digit per row',
  // a small latent leaves the class to the label (latentDim 16 lets z carry it: ~49 % label accuracy at 2,000 steps)
  schema: vaeSchema({ model: { hidden: [512, 256], latentDim: 4 }, train: { steps: 3000, batchSize: 100 } }),
  presets: {
    tiny: {
      model: { hidden: [32], latentDim: 4 },
      data: { trainSize: 256, testSize: 64 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
    quickstart: { model: { hidden: [400], latentDim: 4 }, train: { steps: 2000, batchSize: 100 } },
    vector: VECTOR_VAE,
  },
  presetByDataKind: { vector: 'vector' },
  capabilities: { data: ['image', 'vector'], conditional: true, output: 'image', latent: false, likelihood: false },
  recipe: 'likelihood',
  create(config, rng, data) {
    const vae = new Vae(config.model, data, { conditional: true });
    initWeights(Object.values(vae.networks), rng);
    return vae;
  },
};

/** The VAE-variant registry entries. */
export const VAE_VARIANT_SPECS: ModelSpec<any>[] = [betaVaeSpec, cvaeSpec];
