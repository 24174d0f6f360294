// A table as the rows tabular models train on: the TableTransformer's encoding [rows, dim], with the
// typed table kept beside it (closed-form fits, metrics) and per-category row lists (CTGAN's sampler).
import { tf } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { Batch, Dataset } from '../types.js';
import type { TypedTable } from './types.js';
import type { TableTransformer } from './transform-types.js';

/** A Dataset of encoded table rows (kind 'table', shape [dim]). */
export class EncodedTableDataset implements Dataset {
  readonly kind = 'table' as const;
  readonly shape: number[];
  readonly size: number;
  /** Encoded rows, row-major [size, dim]. */
  readonly encoded: Float32Array;
  /** Per discrete span (transformer.discreteSpans order), per category: the rows holding it. */
  private rowsByCategory: Int32Array[][] | null = null;

  constructor(
    readonly name: string,
    readonly table: TypedTable,
    readonly transformer: TableTransformer,
    rng: Rng,
  ) {
    if (table.rows < 1) throw new Error(`${name}: the table has no rows.`);
    this.encoded = transformer.transform(table, rng);
    this.size = table.rows;
    this.shape = [transformer.dim];
  }

  batch(indices: ArrayLike<number>): Batch {
    const d = this.transformer.dim;
    const out = new Float32Array(indices.length * d);
    for (let i = 0; i < indices.length; i++) out.set(this.encoded.subarray(indices[i] * d, (indices[i] + 1) * d), i * d);
    return { x: tf.tensor2d(out, [indices.length, d]) };
  }

  /** The rows whose discrete span `span` (index into discreteSpans) holds category `category`. */
  rowsWith(span: number, category: number): Int32Array {
    if (!this.rowsByCategory) {
      this.rowsByCategory = this.transformer.discreteSpans.map((s) => {
        const codes = this.table.columns[s.column];
        const counts = new Int32Array(s.size);
        for (let r = 0; r < this.size; r++) counts[codes[r]]++;
        const lists = Array.from(counts, (c) => new Int32Array(c));
        const fill = new Int32Array(s.size);
        for (let r = 0; r < this.size; r++) lists[codes[r]][fill[codes[r]]++] = r;
        return lists;
      });
    }
    return this.rowsByCategory[span][category];
  }
}

/** Whether a dataset is an EncodedTableDataset (recipes that need the table check it). */
export const isEncodedTableDataset = (d: Dataset | undefined): d is EncodedTableDataset => d instanceof EncodedTableDataset;
