// The EBM's `model` config section (Du & Mordatch 2019; short-run sampling, Nijkamp et al. 2019): one
// zod schema gives its type, defaults and help text.
import { z } from 'zod';

/** How `sample` runs SGLD from uniform noise. */
export const EBM_SAMPLERS = ['long-run', 'short-run'] as const;
/** An EBM sampler name. */
export type EbmSampler = (typeof EBM_SAMPLERS)[number];

/** Network and SGLD keys of the energy model. */
export const ebmModelShape = {
  arch: z.enum(['auto', 'mlp', 'conv']).default('auto').describe("'auto': conv for images, MLP for vectors."),
  hidden: z.array(z.number().int().positive()).default([128, 128, 128]).describe('Hidden widths of the MLP energy (conv: of the dense layers after the convs).'),
  filters: z.number().int().positive().default(16).describe('Conv energy: channels of the first conv (scaled up per stride-2 stage).'),
  fourierFeatures: z.number().int().min(0).default(0).describe('Vector data: random Fourier input features (Tancik et al. 2020), this many frequencies; 0 = off.'),
  fourierScale: z.number().positive().default(1).describe('Standard deviation of the random Fourier frequencies.'),
  box: z.tuple([z.number(), z.number()]).default([-3, 3]).describe('Chains start from U[lo, hi]^D and stay in that box (data in [0, 1] for images).'),
  stepSize: z.number().positive().default(0.05).describe('SGLD step size λ on ∇E (Du & Mordatch 2019, App. A).'),
  noise: z.number().min(0).default(0.02).describe('SGLD noise σ of the training chains.'),
  sampler: z
    .enum(EBM_SAMPLERS)
    .default('long-run')
    .describe("How `sample` runs SGLD from noise: 'long-run' (sampleSteps at sampleNoise, for persistent-chain energies) or 'short-run' (the training chain: trainSteps at noise)."),
  sampleNoise: z.number().min(0).default(0.005).describe("SGLD noise σ of the 'long-run' sampler (lower than training's sharpens the modes)."),
  gradClip: z.number().min(0).default(0).describe('Clip ∇E elementwise to [−g, g] in SGLD; 0 = off.'),
  trainSteps: z.number().int().positive().default(40).describe('SGLD steps K per training iteration (and of the short-run sampler).'),
  sampleSteps: z.number().int().positive().default(200).describe("SGLD steps of the 'long-run' sampler."),
};

/** EBM settings (the `model` section). */
export type EbmModelConfig = z.output<z.ZodObject<typeof ebmModelShape>>;
