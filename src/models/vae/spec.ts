// Registry entry for the VAE family: config schema, presets and capabilities.
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema, withDefaults, type TrainConfig } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { Vae } from './vae.js';
import { initWeights } from '../../nn/init.js';
import { vaeModelSection, type VaeModelConfig } from './config.js';

/** Builds a VAE-family config schema with the given defaults (shared by vae, beta-vae and cvae). */
export function vaeSchema(d: {
  model?: Partial<VaeModelConfig>;
  data?: { name: string; binarize?: 'none' | 'dynamic' | 'threshold' };
  train?: Partial<TrainConfig>;
} = {}) {
  return z.strictObject({
    seed: seedSchema(),
    model: withDefaults(vaeModelSection, d.model ?? {}).prefault({}),
    data: dataSchema(d.data ?? { name: 'mnist', binarize: 'dynamic' }),
    train: trainSchema({ steps: 10000, batchSize: 128, lr: 1e-3, evalEvery: 1000, checkpointEvery: 2000, ...d.train }),
  });
}

/**
 * The VAE-family preset for vector and table data (toy 2-D sets, CSV rows): a Gaussian decoder on the
 * values as they are, since the image defaults' Bernoulli decoder and binarisation assume pixels in [0, 1].
 */
export const VECTOR_VAE = { model: { decoder: 'gaussian' }, data: { binarize: 'none' } } as const;

/** Full VAE config. */
export type VaeConfig = z.output<ReturnType<typeof vaeSchema>>;

const schema = vaeSchema();

/** The VAE: MLP or conv encoder/decoder, Bernoulli or Gaussian decoder, β weight or capacity annealing. */
export const vaeSpec: ModelSpec<VaeConfig> = {
  id: 'vae',
  family: 'vae',
  description: 'Variational autoencoder (MLP or conv; Bernoulli or Gaussian decoder; β-VAE weight) with IWAE likelihood',
  schema,
  presets: {
    tiny: {
      model: { hidden: [32], latentDim: 4 },
      data: { trainSize: 256, testSize: 64 },
      train: { steps: 20, batchSize: 16, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
    },
    quickstart: {
      model: { hidden: [400], latentDim: 20 },
      train: { steps: 1500, batchSize: 100, lr: 1e-3, evalEvery: 500, checkpointEvery: 500 },
    },
    // The documented recipe for the IWAE-NLL acceptance number (see README § VAE likelihood).
    nll: {
      model: { hidden: [512, 256], latentDim: 32 },
      train: { steps: 12000, batchSize: 128, lr: 1e-3, lrSchedule: 'cosine', minLr: 1e-4, evalEvery: 2000, checkpointEvery: 2000 },
    },
    conv: {
      model: { arch: 'conv', hidden: [256], latentDim: 16 },
      train: { steps: 3000, batchSize: 64 },
    },
    vector: VECTOR_VAE,
  },
  presetByDataKind: { vector: 'vector', table: 'vector' },
  capabilities: { data: ['image', 'vector', 'table'], conditional: false, output: 'image', latent: true, likelihood: true },
  recipe: 'likelihood',
  create(config, rng, data) {
    const vae = new Vae(config.model, data);
    initWeights(Object.values(vae.networks), rng);
    return vae;
  },
};
