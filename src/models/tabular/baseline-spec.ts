// Registry entries of the closed-form table baselines: they tell whether a deep model (ctgan, tvae)
// learnt anything beyond the marginals (independent) or beyond pairwise normal-score correlations (copula).
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema } from '../../config/common.js';
import type { ModelSpec } from '../types.js';
import { BaselineTableModel } from './baseline-model.js';
import type { BaselineKind } from './baseline-params.js';

const schema = z.strictObject({
  seed: seedSchema(),
  model: z.strictObject({}).prefault({}),
  data: dataSchema({ name: 'table', binarize: 'none' }),
  train: trainSchema({ steps: 1, batchSize: 1, evalEvery: 0, checkpointEvery: 0, logEvery: 1 }),
});

/** Config of a baseline (no model settings; one step records the fit). */
export type BaselineConfig = z.output<typeof schema>;

function baselineSpec(id: string, kind: BaselineKind, description: string): ModelSpec<BaselineConfig> {
  return {
    id,
    family: 'baseline',
    description,
    schema,
    presets: { tiny: { data: { name: 'toy-table', trainSize: 200, testSize: 50 } } },
    capabilities: { data: ['table'], conditional: false, output: 'table', latent: false, likelihood: false, tasks: ['table'], closedForm: true },
    recipe: 'closed-form',
    create: (_config, _rng, data) => new BaselineTableModel(kind, data),
  };
}

/** Gaussian copula: empirical marginals joined by the correlation of their normal scores. */
export const copulaSpec = baselineSpec('copula', 'gaussian-copula', 'Gaussian copula baseline (SDV-style): empirical marginals + normal-score correlation; conditional sampling exact');
/** Independent columns: each column drawn from its own empirical marginal. */
export const independentSpec = baselineSpec('independent', 'independent-columns', 'Independent-columns baseline (SDGym): each column from its own marginal; no column relations at all');
