// The contract of CTGAN's DataTransformer (Xu et al. 2019, §4.2; the ctgan package's data_transformer.py):
// a table ↔ a float matrix of tanh value spans and softmax one-hot spans, which CTGAN and TVAE model.
import type { TableSchema, TypedTable } from './types.js';
import type { Rng } from '../../random/rng.js';

/**
 * One block of the encoded row, in order: 'tanh' — one value in [−1, 1] (a continuous column's
 * (x − μ_k)/(4σ_k), clipped to ±0.99); 'softmax' — a one-hot block (a continuous column's mode, a
 * discrete column's category, or a missing-value indicator [present, missing]).
 */
export interface SpanInfo {
  activation: 'tanh' | 'softmax';
  dim: number;
  /** Index of the table column this span encodes. */
  column: number;
  role: 'value' | 'mode' | 'category' | 'missing';
}

/** A discrete column's one-hot span, which CTGAN's conditional vector picks from. */
export interface DiscreteSpan {
  column: number;
  /** Offset of the span in the encoded row. */
  offset: number;
  /** Number of categories (the span's width). */
  size: number;
}

/** A fitted, invertible table encoder; its JSON is saved with the model and restores it exactly. */
export interface TableTransformer {
  readonly schema: TableSchema;
  /** Width of an encoded row (the sum of the spans' dims). */
  readonly dim: number;
  readonly spans: readonly SpanInfo[];
  /** The discrete columns' category spans, in column order (CTGAN's training-by-sampling). */
  readonly discreteSpans: readonly DiscreteSpan[];
  /** Encodes every row: row-major [rows, dim]; the mode of each continuous value is sampled from its posterior. */
  transform(table: TypedTable, rng: Rng): Float32Array;
  /** Decodes row-major [rows, dim] (a tanh span's value, a softmax span's argmax) back into a table. */
  inverse(data: Float32Array, rows: number): TypedTable;
  toJSON(): unknown;
}
