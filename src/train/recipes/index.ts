// The recipe table: a ModelSpec names its recipe by id; families add theirs here.
import type { RecipeId } from '../../models/types.js';
import type { RecipeFactory } from '../recipe.js';
import { likelihoodRecipe } from './likelihood.js';
import { adversarialRecipe } from './adversarial.js';
import { denoisingRecipe } from './denoising.js';
import { contrastiveDivergenceRecipe } from './contrastive-divergence.js';

/** Recipes available by id. */
export const RECIPES: Partial<Record<RecipeId, RecipeFactory>> = {
  likelihood: likelihoodRecipe,
  adversarial: adversarialRecipe,
  denoising: denoisingRecipe,
  'contrastive-divergence': contrastiveDivergenceRecipe,
};

/** Looks up a recipe, with an error naming the available ones. */
export function getRecipe(id: RecipeId): RecipeFactory {
  const r = RECIPES[id];
  if (!r) throw new Error(`No recipe "${id}" is registered. Available: ${Object.keys(RECIPES).join(', ')}.`);
  return r;
}
