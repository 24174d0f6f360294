// Registry entry for the VAE family: config schema, presets and capabilities.
import { z } from 'zod';
import { dataSchema, trainSchema, type DataConfig, type TrainConfig } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { Vae, type VaeModelConfig } from './vae.js';
import { initWeights } from '../../nn/init.js';

/** Full VAE config. */
export interface VaeConfig {
  seed: number;
  model: VaeModelConfig;
  data: DataConfig;
  train: TrainConfig;
}

/** Builds a VAE-family config schema with the given defaults (shared by vae, beta-vae and cvae). */
export function vaeSchema(d: {
  model?: Partial<VaeModelConfig>;
  data?: { name: string; binarize?: 'none' | 'dynamic' | 'threshold' };
  train?: Partial<TrainConfig>;
} = {}): z.ZodType<VaeConfig> {
  const m = { arch: 'mlp' as const, hidden: [512, 256], latentDim: 32, decoder: 'bernoulli' as const, decoderStd: 0.1, beta: 1, capacity: 0, capacitySteps: 10000, gamma: 1000, ...d.model };
  return z.strictObject({
    seed: z.number().int().default(1),
    model: z
      .strictObject({
        arch: z.enum(['mlp', 'conv']).default(m.arch),
        hidden: z.array(z.number().int().positive()).default(m.hidden),
        latentDim: z.number().int().positive().default(m.latentDim),
        decoder: z.enum(['bernoulli', 'gaussian']).default(m.decoder),
        decoderStd: z.number().positive().default(m.decoderStd),
        beta: z.number().min(0).default(m.beta),
        capacity: z.number().min(0).default(m.capacity),
        capacitySteps: z.number().int().min(0).default(m.capacitySteps),
        gamma: z.number().min(0).default(m.gamma),
      })
      .prefault({}),
    data: dataSchema(d.data ?? { name: 'mnist', binarize: 'dynamic' }),
    train: trainSchema({ steps: 10000, batchSize: 128, lr: 1e-3, evalEvery: 1000, checkpointEvery: 2000, ...d.train }),
  }) as unknown as z.ZodType<VaeConfig>;
}

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
  },
  capabilities: { data: ['image', 'vector', 'table'], conditional: false, output: 'image', latent: true, likelihood: true },
  recipe: 'likelihood',
  create(config, rng, data) {
    const vae = new Vae(config.model, data);
    initWeights(Object.values(vae.networks), rng);
    return vae;
  },
};
