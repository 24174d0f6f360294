// Minority oversampling arms ("fraud"-style, as imbalanced-learn's RandomOverSampler vs a generator's
// conditional rows): real only / real + random duplicates / real + synthetic minority rows, each scored by
// the tabular utility classifiers (logistic regression, MLP) on real hold-outs.
import type { TypedTable } from '../../src/data/tabular/types.js';
import { selectRows } from '../../src/data/tabular/split-table.js';
import { fitTableTransformer } from '../../src/data/tabular/table-transformer.js';
import { EncodedTableDataset } from '../../src/data/tabular/encoded-dataset.js';
import { binaryLabels } from '../../src/metrics/tabular/features.js';
import { trainAndScore } from '../../src/metrics/tabular/tstr.js';
import type { ClassifierKind, ClassifierOptions, ClassifierScores } from '../../src/metrics/tabular/classifiers.js';
import { concatTables } from '../../src/models/tabular/conditions.js';
import type { Ctgan } from '../../src/models/tabular/ctgan.js';
import { getSpec, resolveModelConfig } from '../../src/registry.js';
import { getRecipe } from '../../src/train/recipes/index.js';
import { runTrainer } from '../../src/train/trainer.js';
import type { TableModel } from '../../src/models/types.js';
import { Rng } from '../../src/random/rng.js';

/** The three training sets compared. */
export type Arm = 'none' | 'random' | 'synthetic';
export const ARMS: readonly Arm[] = ['none', 'random', 'synthetic'];

/** Row indices of the positive (minority) class and of the rest. */
export function classRows(t: TypedTable, target: string, positive: string): { pos: number[]; neg: number[] } {
  const y = binaryLabels(t, target, positive);
  const pos: number[] = [], neg: number[] = [];
  y.forEach((v, r) => (v === 1 ? pos : neg).push(r));
  return { pos, neg };
}

/** Minority rows to add so both classes have as many rows (0 when the positive class is not the smaller). */
export function balanceDeficit(t: TypedTable, target: string, positive: string): number {
  const { pos, neg } = classRows(t, target, positive);
  return Math.max(0, neg.length - pos.length);
}

/**
 * Random oversampling: the table followed by `deficit` minority rows drawn uniformly with replacement;
 * `added` names the source row of each duplicate.
 */
export function randomOversample(t: TypedTable, target: string, positive: string, rng: Rng): { table: TypedTable; added: Int32Array } {
  const { pos } = classRows(t, target, positive);
  if (pos.length === 0) throw new Error(`randomOversample: no row of ${target}=${positive} to duplicate.`);
  const k = balanceDeficit(t, target, positive);
  const added = Int32Array.from({ length: k }, () => pos[rng.int(pos.length)]);
  const all = new Int32Array(t.rows + k);
  for (let r = 0; r < t.rows; r++) all[r] = r;
  all.set(added, t.rows);
  return { table: selectRows(t, all), added };
}

/** A generator of minority rows (a fitted conditional sampler). */
export type MinoritySampler = (n: number, rng: Rng) => TypedTable;

/** A CTGAN fitted on `train` (data never touches the run directory), with its wall time. */
export interface FittedCtgan {
  model: Ctgan;
  seconds: number;
  lastLoss: Record<string, number> | null;
  dispose(): void;
}

/**
 * Trains CTGAN on a typed table exactly as `genlab train ctgan` does after its split: the transformer
 * fitted on the table, the registry's config (reference defaults) with dotted `overrides`, the
 * training-by-sampling recipe, the generic trainer.
 */
export async function fitCtgan(train: TypedTable, overrides: string[], onStep?: (step: number, losses: Record<string, number>) => void): Promise<FittedCtgan> {
  const spec = getSpec('ctgan');
  const config = resolveModelConfig(spec, { overrides });
  const rng = new Rng(config.seed + 0x7ab1e);
  const transformer = fitTableTransformer(train, rng.fork('fit'));
  const data = new EncodedTableDataset('oversampling/train', train, transformer, rng.fork('train'));
  const root = new Rng(config.seed);
  const model = spec.create(config, root.fork('init'), { kind: data.kind, shape: data.shape, table: transformer }) as unknown as Ctgan;
  const recipe = getRecipe(spec.recipe)(model as never, config, root.fork('recipe'), data);
  let lastLoss: Record<string, number> | null = null;
  const t0 = performance.now();
  try {
    await runTrainer({
      recipe, train: config.train, seed: config.seed, trainData: data, dataRng: root.fork('data'),
      onEvent: (e) => {
        if (e.type === 'step') {
          lastLoss = e.losses;
          onStep?.(e.step, e.losses);
        }
      },
    });
  } finally {
    recipe.dispose();
  }
  return { model, seconds: (performance.now() - t0) / 1000, lastLoss, dispose: () => model.dispose() };
}

/** Minority rows from a table model's conditional sampler (`condition: { target: positive }`). */
export function conditionalSampler(model: Pick<TableModel, 'sampleTable'>, target: string, positive: string): MinoritySampler {
  return (n, rng) => model.sampleTable!(n, rng, { condition: { [target]: positive } });
}

/** Scores per hold-out, per classifier. */
export type ArmScores = Record<string, Partial<Record<ClassifierKind, ClassifierScores>>>;

/** What one arm trained on and how it scored. */
export interface ArmResult {
  arm: Arm;
  rows: number;
  positives: number;
  scores: ArmScores;
}

/**
 * Trains the classifiers on each arm's training set and scores them on every hold-out; the classifier
 * seeds are the same in each arm so the arms differ only in their rows.
 */
export function runArms(
  train: TypedTable, holdouts: Record<string, TypedTable>, target: string, positive: string, sampler: MinoritySampler, seed: number,
  opts: { models?: ClassifierKind[]; classifier?: ClassifierOptions; arms?: readonly Arm[] } = {},
): ArmResult[] {
  const models = opts.models ?? ['logistic', 'mlp'];
  const deficit = balanceDeficit(train, target, positive);
  const sets: Record<Arm, () => TypedTable> = {
    none: () => train,
    random: () => randomOversample(train, target, positive, new Rng(seed).fork('random-oversampling')).table,
    synthetic: () => {
      const synth = sampler(deficit, new Rng(seed).fork('synthetic-oversampling'));
      const wrong = classRows(synth, target, positive).neg.length;
      if (synth.rows !== deficit || wrong > 0) throw new Error(`The sampler returned ${synth.rows} rows (${wrong} outside ${target}=${positive}); ${deficit} minority rows were asked for.`);
      return concatTables([train, synth], train.schema);
    },
  };
  return (opts.arms ?? ARMS).map((arm) => {
    const t = sets[arm]();
    const scores: ArmScores = {};
    for (const [name, h] of Object.entries(holdouts)) {
      scores[name] = trainAndScore(t, h, target, positive, models, new Rng(seed).fork('detector'), opts.classifier);
    }
    return { arm, rows: t.rows, positives: classRows(t, target, positive).pos.length, scores };
  });
}

/** Mean and sample standard deviation (n − 1). */
export function meanSd(x: readonly number[]): { mean: number; sd: number; n: number } {
  const n = x.length;
  const mean = x.reduce((a, v) => a + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}
