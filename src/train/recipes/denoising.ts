// The denoising recipe (Ho et al. 2020, Algorithm 1; Vincent 2011 / Song & Ermon 2019 for score
// models): minimise the model's denoising loss with one optimizer and sample with EMA weights.
import type { LikelihoodModel } from '../../models/types.js';
import type { RecipeFactory } from '../recipe.js';
import { likelihoodRecipe } from './likelihood.js';

/**
 * Builds the denoising recipe for a model whose `loss(batch, rng, mode)` draws its own timesteps/noise
 * levels and noise from `rng`; optimizer, clipping, EMA (on by default in the diffusion/score specs, as in Ho et al. 2020, App. B) and resumable
 * state are the likelihood recipe's.
 */
export const denoisingRecipe: RecipeFactory = (model, config, rng) => {
  if (typeof (model as LikelihoodModel).loss !== 'function') throw new Error('The denoising recipe needs a model with a loss(batch, rng, mode) method.');
  return likelihoodRecipe(model, config, rng);
};
