// ProdLDA's `model` config section (Srivastava & Sutton 2017): one zod schema gives its type, defaults
// and help text.
import { z } from 'zod';

/** Topic-model keys of ProdLDA. */
export const prodLdaModelShape = {
  topics: z.number().int().min(2).default(20).describe('Number of topics K.'),
  hidden: z.array(z.number().int().positive()).default([100, 100]).describe('Hidden widths of the softplus inference network.'),
  alpha: z.number().positive().default(1).describe('Symmetric Dirichlet concentration α approximated by the logistic-normal prior.'),
  klWarmup: z.number().int().min(0).default(0).describe('Steps over which the KL weight rises linearly from 0 to 1 (against posterior collapse); 0 = off.'),
  thetaScale: z.number().positive().default(1).describe('Gain c on θ before the topic–word layer (logits = c·θ·β + b), a BN-free guard against component collapse; 1 = the plain model.'),
};

/** ProdLDA settings (the `model` section). */
export type ProdLdaModelConfig = z.output<z.ZodObject<typeof prodLdaModelShape>>;
