// Train-on-synthetic/test-on-real utility (Esteban et al. 2017; SDGym's binary ML efficacy): the same
// classifiers trained on the synthetic rows and on the real training rows, scored on one real hold-out.
import type { TypedTable } from '../../data/tabular/types.js';
import { Rng } from '../../random/rng.js';
import { binaryScores, trainClassifier, type ClassifierKind, type ClassifierOptions, type ClassifierScores } from './classifiers.js';
import { binaryLabels, fitFeatureEncoder } from './features.js';
import { checkSameSchema } from './column-shapes.js';

/** Options of `tstr`. */
export interface TstrOptions {
  /** Classifiers to train; default both. */
  models?: ClassifierKind[];
  /** Seed of every initialisation and minibatch draw; default 0. */
  seed?: number;
  classifier?: ClassifierOptions;
}

/** Hold-out scores per classifier, trained on synthetic rows and on real rows. */
export interface TstrResult {
  target: string;
  positive: string;
  synthetic: Partial<Record<ClassifierKind, ClassifierScores>>;
  real: Partial<Record<ClassifierKind, ClassifierScores>>;
  /** Positive-class rate of the hold-out (F1 of always answering "positive" is 2r/(1 + r)). */
  holdoutPositiveRate: number;
}

/** Trains each classifier on `train` (features standardised with its own statistics) and scores it on `holdout`. */
export function trainAndScore(
  train: TypedTable, holdout: TypedTable, target: string, positive: string, models: ClassifierKind[], rng: Rng, opts: ClassifierOptions = {},
): Partial<Record<ClassifierKind, ClassifierScores>> {
  const enc = fitFeatureEncoder(train, [target]);
  const x = enc.encode(train), y = binaryLabels(train, target, positive);
  const xh = enc.encode(holdout), yh = binaryLabels(holdout, target, positive);
  const out: Partial<Record<ClassifierKind, ClassifierScores>> = {};
  for (const kind of models) {
    const clf = trainClassifier(kind, x, y, train.rows, enc.dim, rng.fork(kind), opts);
    try {
      out[kind] = binaryScores(clf.predict(xh, holdout.rows), yh);
    } finally {
      clf.dispose();
    }
  }
  return out;
}

/**
 * Utility of `synthetic`: logistic regression and an MLP trained on it and, as the reference, on
 * `realTrain`, each scored on `realHoldout` (F1 of `positive`, accuracy, AUROC). Same schema required.
 */
export function tstr(
  realTrain: TypedTable, synthetic: TypedTable, realHoldout: TypedTable, target: string, positive: string, opts: TstrOptions = {},
): TstrResult {
  checkSameSchema(realTrain, synthetic);
  checkSameSchema(realTrain, realHoldout);
  const models = opts.models ?? ['logistic', 'mlp'];
  // the same seeds on both sides: the two runs differ only in their training rows
  const rng = (): Rng => new Rng(opts.seed ?? 0).fork('tstr');
  const yh = binaryLabels(realHoldout, target, positive);
  return {
    target,
    positive,
    synthetic: trainAndScore(synthetic, realHoldout, target, positive, models, rng(), opts.classifier),
    real: trainAndScore(realTrain, realHoldout, target, positive, models, rng(), opts.classifier),
    holdoutPositiveRate: yh.reduce((s, v) => s + v, 0) / Math.max(1, yh.length),
  };
}
