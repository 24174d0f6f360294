// The score model's `model` config section (NCSN, Song & Ermon 2019): one zod schema gives its type,
// defaults and help text.
import { z } from 'zod';

/** Network, noise ladder and annealed-Langevin keys of the score model. */
export const scoreModelShape = {
  hidden: z.array(z.number().int().positive()).min(1).default([128, 128, 128]).describe('Hidden widths of the MLP score network.'),
  embDim: z.number().int().positive().multipleOf(2).default(32).describe('Width of the noise-level embedding (sinusoidal, even).'),
  sigmaMax: z.number().positive().default(5).describe('Largest noise level σ_1 of the geometric ladder.'),
  sigmaMin: z.number().positive().default(0.01).describe('Smallest noise level σ_L of the geometric ladder.'),
  numLevels: z.number().int().positive().default(20).describe('Number L of noise levels.'),
  stepSize: z.number().positive().default(2e-5).describe('Annealed Langevin base step ε (Algorithm 1; scaled by σ_i²/σ_L²).'),
  stepsPerLevel: z.number().int().positive().default(100).describe('Annealed Langevin steps T per noise level.'),
  denoise: z.boolean().default(true).describe('End sampling with one denoising step x + σ_L²·s(x, σ_L).'),
};

/** Score-model settings (the `model` section). */
export type ScoreModelConfig = z.output<z.ZodObject<typeof scoreModelShape>>;
