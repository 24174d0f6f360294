// The recipe of models fitted in closed form (the table baselines): the fit happens once, when the recipe
// is built on the training table; steps only report it, and the state to save is the model's weight.
import type { Rng } from '../../random/rng.js';
import { isEncodedTableDataset } from '../../data/tabular/encoded-dataset.js';
import { isClosedFormTableModel } from '../../models/tabular/types.js';
import type { RecipeFactory } from '../recipe.js';

/** Builds the closed-form recipe: fits a BaselineTableModel to the training rows with `rng`. */
export const closedFormRecipe: RecipeFactory = (model, _config, rng: Rng, data) => {
  if (!isClosedFormTableModel(model)) throw new Error('The closed-form recipe fits table models with fit(table, rng) (models/tabular/types.ts), e.g. copula.');
  if (!isEncodedTableDataset(data)) throw new Error('A closed-form table model is fitted to a table dataset (data.name=table).');
  model.fit(data.table, rng);
  return {
    step: () => ({ rows: data.table.rows }),
    withSamplingWeights: (fn) => fn(),
    getState: () => ({ tensors: [], json: {} }),
    setState: () => {},
    dispose: () => {},
  };
};
