// What the tabular recipes need of a model, as interfaces (recipes never see the concrete classes):
// CTGAN's pieces for training-by-sampling, and the closed-form fit of the baselines.
import type { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { TypedTable } from '../../data/tabular/types.js';
import type { TableTransformer } from '../../data/tabular/transform-types.js';
import type { TableModel } from '../types.js';

/** A conditional table GAN trained by training-by-sampling (models/tabular/ctgan.ts). */
export interface ConditionalTableGan extends TableModel {
  readonly networks: { generator: tfl.LayersModel; discriminator: tfl.LayersModel } & Record<string, tfl.LayersModel>;
  readonly transformer: TableTransformer;
  /** Width of the conditional vector (0 when the table has no discrete column). */
  readonly condDim: number;
  /** Offset of each discrete span in the conditional vector. */
  readonly condOffsets: readonly number[];
  readonly latentDim: number;
  /** Rows the critic judges jointly. */
  readonly pac: number;
  /** λ of the gradient penalty. */
  readonly gpLambda: number;
  /** Whether categories are drawn ∝ log(1 + count) (else ∝ count). */
  readonly logFrequency: boolean;
  /** Stores the training table's category counts (conditional-vector order) for sampling. */
  setCategoryCounts(counts: Float32Array): void;
  /** Raw generator output and activated rows [B, D] for noise+condition [B, E + C]. */
  generate(zc: tf.Tensor, training: boolean, rng: Rng): { raw: tf.Tensor; rows: tf.Tensor };
  /** Critic scores [B/pac] of rows joined with their conditions [B, D + C]; dropout when `rng` is given. */
  discriminate(x: tf.Tensor, rng?: Rng): tf.Tensor;
  /** The generator's cross-entropy for missing the asked categories. */
  condLoss(raw: tf.Tensor, cond: tf.Tensor, mask: tf.Tensor): tf.Scalar;
}

/** A table model fitted in closed form (the baselines). */
export interface ClosedFormTableModel extends TableModel {
  fit(table: TypedTable, rng: Rng): void;
}

const has = (m: object, ...names: string[]) => names.every((k) => typeof (m as Record<string, unknown>)[k] === 'function');

/** Whether a model offers training-by-sampling's pieces. */
export const isConditionalTableGan = (m: object): m is ConditionalTableGan =>
  has(m, 'generate', 'discriminate', 'condLoss', 'setCategoryCounts', 'sampleTable') && typeof (m as { condDim?: unknown }).condDim === 'number';

/** Whether a model is fitted in closed form. */
export const isClosedFormTableModel = (m: object): m is ClosedFormTableModel => has(m, 'fit', 'sampleTable');
