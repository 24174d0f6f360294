// A registry entry as a model family declares it: a ModelSpec plus plain-data defaults for its recipe's
// own config section. Models do not import train/: the registry adds the recipe's schema for the section.
import type { BaseConfig } from '../config/common.js';
import type { ModelSpec } from './types.js';

/** A family's registry entry before the registry composes in its recipe's config section. */
export interface ModelEntry<C extends BaseConfig = BaseConfig> extends ModelSpec<C> {
  /** Defaults of the recipe's section for this entry (e.g. WGAN: `{ loss: 'wasserstein', nCritic: 5 }`); validated by the registry. */
  recipeDefaults?: Record<string, unknown>;
}

/** A config type plus a recipe section that presets may set (its keys are checked against the recipe's schema). */
export type WithRecipeSection<C extends BaseConfig, K extends string> = C & { [key in K]?: Record<string, unknown> };
