// Classifier features of a typed table for train-on-synthetic/test-on-real (SDGym's ML-efficacy setup):
// numerics standardised with the training table's mean/std (missing → the mean, plus an indicator), one-hot categories.
import { isNumericKind, type TypedTable } from '../../data/tabular/types.js';

/** How one column becomes features. */
export type FeatureColumn =
  | { name: string; index: number; kind: 'numeric'; mean: number; std: number; indicator: boolean }
  | { name: string; index: number; kind: 'one-hot'; width: number };

/** A fitted encoding: `encode` turns a table with the same schema into row-major float32 features. */
export interface FeatureEncoder {
  columns: FeatureColumn[];
  /** Features per row. */
  dim: number;
  encode(t: TypedTable): Float32Array;
}

/** Fits the encoding on `train`, leaving out the columns named in `exclude` (the target). */
export function fitFeatureEncoder(train: TypedTable, exclude: string[] = []): FeatureEncoder {
  const columns: FeatureColumn[] = [];
  train.schema.columns.forEach((col, index) => {
    if (exclude.includes(col.name)) return;
    const v = train.columns[index];
    if (isNumericKind(col.kind)) {
      let n = 0, s = 0, nan = false;
      for (const x of v) if (Number.isNaN(x)) nan = true; else { n++; s += x; }
      const mean = n > 0 ? s / n : 0;
      let ss = 0;
      for (const x of v) if (!Number.isNaN(x)) ss += (x - mean) * (x - mean);
      const std = n > 0 ? Math.sqrt(ss / n) : 0;
      columns.push({ name: col.name, index, kind: 'numeric', mean, std: std > 0 ? std : 1, indicator: nan || col.missing === 'indicator' });
    } else {
      let width = col.categories?.length ?? 0;
      for (const x of v) if (x + 1 > width) width = x + 1; // codes beyond the listed categories still get a slot
      columns.push({ name: col.name, index, kind: 'one-hot', width });
    }
  });
  const dim = columns.reduce((s, c) => s + (c.kind === 'numeric' ? (c.indicator ? 2 : 1) : c.width), 0);
  const names = train.schema.columns.map((c) => c.name).join(',');
  const encode = (t: TypedTable): Float32Array => {
    if (t.schema.columns.map((c) => c.name).join(',') !== names) throw new Error(`FeatureEncoder: the table's columns (${t.schema.columns.map((c) => c.name).join(', ')}) are not the training table's (${names.split(',').join(', ')}).`);
    const out = new Float32Array(t.rows * dim);
    let off = 0;
    for (const c of columns) {
      const v = t.columns[c.index];
      if (c.kind === 'numeric') {
        for (let i = 0; i < t.rows; i++) {
          const missing = Number.isNaN(v[i]);
          out[i * dim + off] = missing ? 0 : (v[i] - c.mean) / c.std;
          if (c.indicator) out[i * dim + off + 1] = missing ? 1 : 0;
        }
        off += c.indicator ? 2 : 1;
      } else {
        // a missing code or one the training table never saw encodes as all zeros
        for (let i = 0; i < t.rows; i++) if (v[i] >= 0 && v[i] < c.width) out[i * dim + off + v[i]] = 1;
        off += c.width;
      }
    }
    return out;
  };
  return { columns, dim, encode };
}

/** 0/1 labels: 1 where the discrete `target` column holds the category `positive`. */
export function binaryLabels(t: TypedTable, target: string, positive: string): Float32Array {
  const c = t.schema.columns.findIndex((s) => s.name === target);
  if (c < 0) throw new Error(`Target column "${target}" is not in the table (columns: ${t.schema.columns.map((s) => s.name).join(', ')}).`);
  const col = t.schema.columns[c];
  if (isNumericKind(col.kind)) throw new Error(`Target column "${target}" is ${col.kind}; a classifier target must be categorical, ordinal or boolean.`);
  const code = col.categories?.indexOf(positive) ?? -1;
  if (code < 0) throw new Error(`Positive class "${positive}" is not a category of "${target}" (categories: ${(col.categories ?? []).join(', ')}).`);
  return Float32Array.from(t.columns[c], (v) => (v === code ? 1 : 0));
}
