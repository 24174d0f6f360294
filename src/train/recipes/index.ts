// The recipe table: a ModelSpec names its recipe by id; a recipe that reads a config section of its own
// declares it here, and the registry adds that section to the schema of every entry using the recipe.
import type { RecipeId } from '../../models/types.js';
import type { RecipeEntry, RecipeFactory } from '../recipe.js';
import { likelihoodRecipe } from './likelihood.js';
import { adversarialRecipe } from './adversarial.js';
import { adversarialSchema } from './adversarial-options.js';
import { denoisingRecipe } from './denoising.js';
import { cdSchema, contrastiveDivergenceRecipe } from './contrastive-divergence.js';
import { trainingBySamplingRecipe } from './training-by-sampling.js';
import { closedFormRecipe } from './closed-form.js';

/** Recipes by id (every RecipeId has a row). */
export const RECIPES: Record<RecipeId, RecipeEntry> = {
  likelihood: { id: 'likelihood', build: likelihoodRecipe, dp: true },
  adversarial: { id: 'adversarial', build: adversarialRecipe, section: { key: 'adversarial', schema: adversarialSchema } },
  denoising: { id: 'denoising', build: denoisingRecipe },
  'contrastive-divergence': { id: 'contrastive-divergence', build: contrastiveDivergenceRecipe, section: { key: 'cd', schema: cdSchema } },
  'training-by-sampling': { id: 'training-by-sampling', build: trainingBySamplingRecipe },
  'closed-form': { id: 'closed-form', build: closedFormRecipe },
};

/** Looks up a recipe's row, with an error naming the available ones. */
export function recipeEntry(id: RecipeId): RecipeEntry {
  const r = (RECIPES as Partial<Record<string, RecipeEntry>>)[id];
  if (!r) throw new Error(`No recipe "${id}" is registered. Available: ${Object.keys(RECIPES).join(', ')}.`);
  return r;
}

/** Looks up a recipe's factory, with an error naming the available ones; `train.dp` with a recipe that has no DP path is an error. */
export function getRecipe(id: RecipeId): RecipeFactory {
  const entry = recipeEntry(id);
  return (model, config, rng, data) => {
    if (config.train.dp && !entry.dp) {
      const private_ = Object.values(RECIPES).filter((r) => r.dp).map((r) => r.id).join(', ');
      throw new Error(`train.dp is set, but the '${id}' recipe has no DP-SGD path (recipes with one: ${private_}); remove train.dp or use a model trained by one of those.`);
    }
    return entry.build(model, config, rng, data);
  };
}
