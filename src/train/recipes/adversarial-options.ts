// The `adversarial` config section, owned by the adversarial recipe: every GAN variant (GAN, WGAN,
// WGAN-GP, LSGAN, hinge, feature matching, TTUR) is a setting of these options on the one recipe.
import { z } from 'zod';
import { GAN_LOSSES } from '../../models/gan/losses.js';
import { withDefaults } from '../../config/common.js';
import { ConfigError, validateConfig } from '../../config/resolve.js';

/** The section with the plain GAN's defaults; a registry entry changes them through its `recipeDefaults`. */
export const adversarialSection = z.strictObject({
  loss: z.enum(GAN_LOSSES).default('non-saturating').describe('Objective of both players (see models/gan/losses.ts).'),
  nCritic: z.number().int().positive().default(1).describe('Discriminator updates per generator update; one trainer step is one discriminator update.'),
  gpWeight: z.number().min(0).default(0).describe('λ of the WGAN-GP gradient penalty; 0 = off.'),
  clipValue: z.number().min(0).default(0).describe('WGAN weight clipping of every critic weight into [−c, c] after each update; 0 = off.'),
  featureMatching: z.boolean().default(false).describe("Replace the generator's adversarial loss by feature matching on D's penultimate layer."),
  labelSmoothing: z.number().min(0).lt(1).default(0).describe('One-sided label smoothing of real targets (non-saturating / minimax only).'),
  lrD: z.number().positive().optional().describe('Discriminator learning rate (two time-scale update rule, Heusel et al. 2017); default train.lr.'),
  lrG: z.number().positive().optional().describe('Generator learning rate (two time-scale update rule); default train.lr.'),
});

/** Resolved options of the adversarial recipe. */
export type AdversarialOptions = z.output<typeof adversarialSection>;

/** Schema of the `adversarial` section, with a model's own defaults. */
export function adversarialSchema(defaults: Partial<AdversarialOptions> = {}) {
  return withDefaults(adversarialSection, defaults).prefault({});
}

/**
 * Reads and validates `config.adversarial`; the error names the bad key. A config without the section
 * was not resolved through the registry (which adds it with the entry's defaults), so it is an error
 * rather than a silent fall-back to the plain GAN's defaults.
 */
export function readAdversarialOptions(config: object): AdversarialOptions {
  const section = (config as { adversarial?: unknown }).adversarial;
  if (section === undefined) throw new ConfigError("The adversarial recipe reads the config's `adversarial` section, which is missing: resolve the config with the registry's spec (getSpec / resolveModelConfig).");
  return validateConfig(z.strictObject({ adversarial: adversarialSchema() }), { adversarial: section }).adversarial;
}
