// The `adversarial` config section: every GAN variant (GAN, WGAN, WGAN-GP, LSGAN, hinge, feature
// matching, TTUR) is a setting of these options on the one adversarial recipe.
import { z } from 'zod';
import { GAN_LOSSES, type GanLoss } from '../../models/gan/losses.js';
import { validateConfig } from '../../config/resolve.js';

/** Resolved options of the adversarial recipe. */
export interface AdversarialOptions {
  /** Objective of both players (see models/gan/losses.ts). */
  loss: GanLoss;
  /** Discriminator updates per generator update; one trainer step is one discriminator update. */
  nCritic: number;
  /** λ of the WGAN-GP gradient penalty; 0 = off. */
  gpWeight: number;
  /** WGAN weight clipping of every critic weight into [−c, c] after each update; 0 = off. */
  clipValue: number;
  /** Replace the generator's adversarial loss by feature matching on D's penultimate layer. */
  featureMatching: boolean;
  /** One-sided label smoothing of real targets (non-saturating / minimax only). */
  labelSmoothing: number;
  /** Discriminator / generator learning rates (two time-scale update rule, Heusel et al. 2017); default train.lr. */
  lrD?: number;
  lrG?: number;
}

const DEFAULTS: AdversarialOptions = { loss: 'non-saturating', nCritic: 1, gpWeight: 0, clipValue: 0, featureMatching: false, labelSmoothing: 0 };

/** Schema of the `adversarial` section, with a model's own defaults. */
export function adversarialSchema(defaults: Partial<AdversarialOptions> = {}) {
  const d = { ...DEFAULTS, ...defaults };
  return z
    .strictObject({
      loss: z.enum(GAN_LOSSES).default(d.loss),
      nCritic: z.number().int().positive().default(d.nCritic),
      gpWeight: z.number().min(0).default(d.gpWeight),
      clipValue: z.number().min(0).default(d.clipValue),
      featureMatching: z.boolean().default(d.featureMatching),
      labelSmoothing: z.number().min(0).lt(1).default(d.labelSmoothing),
      lrD: d.lrD === undefined ? z.number().positive().optional() : z.number().positive().default(d.lrD),
      lrG: d.lrG === undefined ? z.number().positive().optional() : z.number().positive().default(d.lrG),
    })
    .prefault({});
}

/** Reads and validates `config.adversarial` (missing → defaults); the error names the bad key. */
export function readAdversarialOptions(config: object): AdversarialOptions {
  const section = (config as { adversarial?: unknown }).adversarial ?? {};
  return validateConfig(z.strictObject({ adversarial: adversarialSchema() }), { adversarial: section }).adversarial as AdversarialOptions;
}
