// The diffusion family's `model` config section (networks, noise schedule, sampler defaults): one zod
// schema gives its type, defaults and help text; entries change the defaults with `withDefaults`.
import { z } from 'zod';
import { schedulerNames } from '../../schedulers/index.js';

/** The diffusion `model` section with the family's defaults. */
export const diffusionModelSection = z.strictObject({
  arch: z.enum(['auto', 'mlp', 'unet']).default('auto').describe("'auto': UNet for images, MLP for vectors."),
  hidden: z.array(z.number().int().positive()).min(1).default([128, 128, 128]).describe('MLP denoiser: hidden widths.'),
  channels: z.number().int().positive().default(32).describe('UNet: channels of the first level (multiplied by channelMults per level).'),
  channelMults: z.array(z.number().int().positive()).min(1).default([1, 2, 2]).describe('UNet: channel multiplier of each resolution level (one level per entry).'),
  attention: z.boolean().default(true).describe('UNet: self-attention at the lowest resolution.'),
  groups: z.number().int().positive().default(8).describe('UNet: groups of the GroupNorms.'),
  embDim: z.number().int().positive().multipleOf(2).default(64).describe('Width of the sinusoidal timestep embedding (even).'),
  embedding: z.enum(['add', 'scale-shift']).default('add').describe("How the time/class embedding enters the UNet's residual blocks ('scale-shift': AdaGN)."),
  timesteps: z.number().int().min(2).default(1000).describe('Diffusion steps T of the noise schedule.'),
  schedule: z.enum(['linear', 'cosine']).default('linear').describe("β schedule: 'linear' (Ho et al. 2020) or 'cosine' (Nichol & Dhariwal 2021)."),
  prediction: z.enum(['epsilon', 'v']).default('epsilon').describe("Network target: 'epsilon' (the noise, Ho et al. 2020) or 'v' (Salimans & Ho 2022)."),
  condition: z.enum(['none', 'class', 'lowres']).default('none').describe("'class': labels via a one-hot input; 'lowres': the 2× down-then-up-sampled image as extra channels."),
  labelDropout: z.number().min(0).max(1).default(0.1).describe("Probability of replacing a label by 'no label' in training (classifier-free guidance)."),
  sampler: z.enum(schedulerNames()).default('ddim').describe('Default sampler of `sample`: a name of the scheduler table (`genlab sample --help` lists them).'),
  sampleSteps: z.number().int().positive().default(50).describe('Default number of inference steps (a subsequence of the T timesteps).'),
  eta: z.number().min(0).default(0).describe('DDIM η: 0 = deterministic, 1 = DDPM-like ancestral noise.'),
  guidance: z.number().min(0).default(3).describe('Default classifier-free guidance scale for labelled sampling (1 = none).'),
  guidanceRescale: z.number().min(0).max(1).default(0).describe("Rescales guided predictions towards the conditional one's std (0 = plain CFG; Lin et al. 2024 use 0.7)."),
  guidanceInterval: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0, 1]).describe('Timesteps, as fractions [lo, hi] of the schedule, where guidance applies (Kynkäänniemi et al. 2024); [0, 1] = all.'),
});

/** Diffusion model settings (the `model` section of its config). */
export type DiffusionModelConfig = z.output<typeof diffusionModelSection>;
