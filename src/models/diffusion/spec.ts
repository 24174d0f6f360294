// Registry entries of the diffusion family: one schema (networks, noise schedule, sampler defaults),
// variants for 2-D points (MLP), MNIST (UNet), class-conditional MNIST with CFG and 2× super-resolution.
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema, withDefaults, type TrainConfig } from '../../config/common.js';
import type { DeepPartial } from '../../config/resolve.js';
import type { ModelSpec } from '../types.js';
import { initWeights } from '../../nn/init.js';
import { DiffusionModel } from './diffusion.js';
import { schedulerNames } from '../../schedulers/index.js';
import { diffusionModelSection, type DiffusionModelConfig } from './config.js';

function diffusionSchema(d: Partial<DiffusionModelConfig>, data: { name: string }, train: Partial<TrainConfig>) {
  return z.strictObject({
    seed: seedSchema(),
    model: withDefaults(diffusionModelSection, d).prefault({}),
    data: dataSchema(data),
    train: trainSchema(train),
  });
}

/** Full diffusion config. */
export type DiffusionConfig = z.output<ReturnType<typeof diffusionSchema>>;

interface Variant {
  id: string;
  description: string;
  model: Partial<DiffusionModelConfig>;
  data: { name: string };
  train: Partial<TrainConfig>;
  tiny: DeepPartial<DiffusionConfig>;
  presets?: Record<string, DeepPartial<DiffusionConfig>>;
  /** The preset a run gets by its data's kind when it names none (see ModelSpec.presetByDataKind). */
  byKind?: ModelSpec['presetByDataKind'];
  image: boolean;
}

function makeSpec(v: Variant): ModelSpec<DiffusionConfig> {
  const schema = diffusionSchema(v.model, v.data, v.train);
  const d = { ...diffusionModelSection.parse({}), ...v.model };
  return {
    id: v.id,
    family: 'diffusion',
    description: v.description,
    schema,
    presets: { tiny: v.tiny, ...(v.presets ?? {}) },
    presetByDataKind: v.byKind,
    capabilities: { data: v.image ? ['image'] : ['vector'], conditional: d.condition === 'class', output: v.image ? 'image' : 'points', latent: false, likelihood: false, tasks: v.image ? [d.condition === 'lowres' ? 'upscale' : 'inpaint'] : [], sampling: { samplers: schedulerNames(), steps: true, eta: true } },
    recipe: 'denoising',
    create(config, rng, data) {
      const m = new DiffusionModel(config.model, data);
      initWeights(Object.values(m.networks), rng);
      return m;
    },
  };
}

const TINY_TRAIN = { steps: 20, batchSize: 8, evalEvery: 0, checkpointEvery: 0, logEvery: 5 };
const TINY_UNET: Partial<DiffusionModelConfig> = { channels: 8, channelMults: [1, 2], groups: 4, embDim: 16, timesteps: 50, sampleSteps: 3 };
// The MNIST entries sample with DDIM η = 1 (ancestral noise on a 50-step subsequence): with the small
// CPU-sized UNets, deterministic DDIM (η = 0) drifts — 2× super-resolution PSNR on 100 test digits
// 18.1 dB at η = 0 and 22.1 dB at η = 1, against bicubic's 19.8 (3,000 training steps).
const IMAGE_SAMPLING: Partial<DiffusionModelConfig> = { sampler: 'ddim', sampleSteps: 50, eta: 1 };
// A CPU-sized MNIST recipe (two levels of 16/32 channels, batch 32): ~4× cheaper per step than the default.
const FAST_UNET: DeepPartial<DiffusionConfig> = { model: { channels: 16, channelMults: [1, 2], groups: 8 }, train: { batchSize: 32, steps: 4000, lr: 5e-4 } };

// The class-conditional MNIST recipe behind the numbers: the fast UNet with scale-shift (AdaGN)
// embeddings, v-prediction and the cosine schedule. With ε-prediction (and with additive embeddings)
// samples ignored their label after 6,000 steps (11–16 % classified as asked): the ε-loss barely
// weights x̂_0 at high noise, where the class is decided; v-prediction weights it ~1. Guidance 2: of
// 1,000 samples 95.2 % were classified as asked (FID 19.4); at scale 3, 98.1 % (FID 41.8).
const COND_MNIST: DeepPartial<DiffusionConfig> = {
  model: { channels: 16, channelMults: [1, 2], groups: 8, embedding: 'scale-shift', prediction: 'v', schedule: 'cosine', guidance: 2 },
  train: { batchSize: 32, steps: 7500, lr: 5e-4, lrSchedule: 'cosine' },
};

/** The diffusion registry entries. */
export const DIFFUSION_SPECS: ModelSpec<any>[] = [
  makeSpec({
    id: 'ddpm-2d',
    description: 'DDPM on 2-D points (MLP denoiser, ε-prediction; DDPM or DDIM sampling) — swiss roll, ring of 8, …',
    model: { hidden: [128, 128, 128], embDim: 32, sampler: 'ddpm', sampleSteps: 1000, schedule: 'linear' },
    data: { name: 'swiss-roll' },
    train: { steps: 4000, batchSize: 256, lr: 2e-3, ema: 0.995, evalEvery: 1000, checkpointEvery: 2000 },
    tiny: { model: { hidden: [16, 16], embDim: 8, timesteps: 50, sampleSteps: 50 }, data: { trainSize: 256, testSize: 64 }, train: { ...TINY_TRAIN, batchSize: 16 } },
    image: false,
  }),
  makeSpec({
    id: 'ddpm',
    description: 'DDPM on MNIST-size images (small UNet: residual blocks, timestep embedding, attention at the lowest resolution)',
    model: { ...IMAGE_SAMPLING },
    data: { name: 'mnist' },
    train: { steps: 6000, batchSize: 64, lr: 2e-4, ema: 0.999, gradClip: 1, warmupSteps: 200, evalEvery: 1000, checkpointEvery: 1000 },
    tiny: { model: TINY_UNET, data: { trainSize: 64, testSize: 16 }, train: { ...TINY_TRAIN, batchSize: 4, lr: 1e-3, warmupSteps: 0 } },
    presets: { fast: FAST_UNET },
    image: true,
  }),
  makeSpec({
    id: 'ddpm-cond',
    description: 'Class-conditional DDPM on MNIST with classifier-free guidance (label dropout 0.1; --label / --guidance)',
    model: { condition: 'class', ...IMAGE_SAMPLING },
    data: { name: 'mnist' },
    train: { steps: 6000, batchSize: 64, lr: 2e-4, ema: 0.999, gradClip: 1, warmupSteps: 200, evalEvery: 1000, checkpointEvery: 1000 },
    tiny: { model: TINY_UNET, data: { trainSize: 64, testSize: 16 }, train: { ...TINY_TRAIN, batchSize: 4, lr: 1e-3, warmupSteps: 0 } },
    presets: { fast: FAST_UNET, mnist: COND_MNIST },
    byKind: { image: 'mnist' }, // the documented recipe; the defaults' ε-prediction samples ignore the label
    image: true,
  }),
  makeSpec({
    id: 'ddpm-sr',
    description: '2× super-resolution diffusion (14×14 → 28×28 MNIST), conditioned on the bilinearly upsampled low-resolution image',
    model: { condition: 'lowres', channelMults: [1, 2], attention: false, ...IMAGE_SAMPLING },
    data: { name: 'mnist' },
    train: { steps: 3000, batchSize: 64, lr: 2e-4, ema: 0.999, gradClip: 1, warmupSteps: 200, evalEvery: 1000, checkpointEvery: 1000 },
    tiny: { model: { ...TINY_UNET, attention: false }, data: { trainSize: 64, testSize: 16 }, train: { ...TINY_TRAIN, batchSize: 4, lr: 1e-3, warmupSteps: 0 } },
    presets: { fast: FAST_UNET, mnist: { ...FAST_UNET, train: { batchSize: 32, steps: 3000, lr: 5e-4, lrSchedule: 'cosine' } } },
    byKind: { image: 'mnist' }, // the documented recipe (PSNR 22.07 dB against bicubic's 19.83)
    image: true,
  }),
];
