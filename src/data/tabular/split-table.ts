// Seeded train/test splits and row selection on TypedTables (the 80/20 hold-out of SDGym's ML-efficacy
// and privacy metrics), optionally stratified by a discrete column as scikit-learn's train_test_split.
import type { TypedTable } from './types.js';
import { isNumericKind } from './types.js';
import { Rng } from '../../random/rng.js';

/** The rows `indices` of a table, in that order (repeats allowed), with the same schema. */
export function selectRows(table: TypedTable, indices: ArrayLike<number>): TypedTable {
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!Number.isInteger(k) || k < 0 || k >= table.rows) {
      throw new Error(`selectRows: index ${k} (position ${i}) is out of range; the table has ${table.rows} rows (indices 0..${table.rows - 1}).`);
    }
  }
  const columns = table.columns.map((col) => {
    const out = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = col[indices[i]];
    return out;
  });
  return { schema: table.schema, rows: indices.length, columns };
}

/** Options for splitTable. */
export interface SplitOptions {
  /** A discrete column whose category shares the split keeps in both parts (each category split on its own). */
  stratify?: string;
}

/** The split: disjoint rows, each part in the table's row order. */
export interface TableSplit {
  train: TypedTable;
  test: TypedTable;
  trainIndices: Int32Array;
  testIndices: Int32Array;
}

/**
 * Splits rows at random into train and test: round(testFraction · rows) test rows drawn by a seeded
 * permutation (per category when stratified), the same for the same seed.
 */
export function splitTable(table: TypedTable, testFraction: number, seed: number, opts: SplitOptions = {}): TableSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`splitTable: testFraction must be in (0, 1), got ${testFraction}.`);
  const rng = new Rng(seed);
  const isTest = new Uint8Array(table.rows);
  let groups: number[][];
  if (opts.stratify !== undefined) {
    const c = table.schema.columns.findIndex((col) => col.name === opts.stratify);
    if (c < 0) throw new Error(`splitTable: no column '${opts.stratify}' to stratify by; columns: ${table.schema.columns.map((col) => col.name).join(', ')}.`);
    const col = table.schema.columns[c];
    if (isNumericKind(col.kind)) throw new Error(`splitTable: column '${col.name}' is ${col.kind}; stratify by a categorical, ordinal or boolean column.`);
    groups = col.categories!.map(() => [] as number[]);
    table.columns[c].forEach((code, r) => groups[code].push(r));
  } else {
    groups = [Array.from({ length: table.rows }, (_, r) => r)];
  }
  for (const g of groups) {
    const perm = rng.permutation(g.length);
    const k = Math.round(testFraction * g.length);
    for (let i = 0; i < k; i++) isTest[g[perm[i]]] = 1;
  }
  const testCount = isTest.reduce((a, b) => a + b, 0);
  if (testCount === 0 || testCount === table.rows) {
    throw new Error(`splitTable: a test fraction of ${testFraction} of ${table.rows} rows leaves ${testCount === 0 ? 'no test' : 'no training'} rows.`);
  }
  const trainIndices = new Int32Array(table.rows - testCount);
  const testIndices = new Int32Array(testCount);
  let a = 0;
  let b = 0;
  for (let r = 0; r < table.rows; r++) {
    if (isTest[r]) testIndices[b++] = r;
    else trainIndices[a++] = r;
  }
  return { train: selectRows(table, trainIndices), test: selectRows(table, testIndices), trainIndices, testIndices };
}

/**
 * Keeps every row outside category `value` of discrete column `column`, and a seeded random subset of its
 * rows, so that they make up `share` of the result (the rare-class tables of oversampling experiments).
 */
export function downsampleCategory(table: TypedTable, column: string, value: string, share: number, seed: number): TypedTable {
  const c = table.schema.columns.findIndex((col) => col.name === column);
  if (c < 0) throw new Error(`downsampleCategory: no column '${column}'; columns: ${table.schema.columns.map((col) => col.name).join(', ')}.`);
  const col = table.schema.columns[c];
  const code = col.categories?.indexOf(value) ?? -1;
  if (code < 0) throw new Error(`downsampleCategory: column '${column}' has no category ${JSON.stringify(value)}${col.categories ? `; its categories: ${col.categories.join(', ')}` : ` (it is ${col.kind})`}.`);
  if (!(share > 0 && share < 1)) throw new Error(`downsampleCategory: share must be in (0, 1), got ${share}.`);
  const inside: number[] = [];
  const keep = new Uint8Array(table.rows);
  table.columns[c].forEach((v, r) => (v === code ? inside.push(r) : (keep[r] = 1)));
  const others = table.rows - inside.length;
  const k = Math.round((share * others) / (1 - share));
  if (k > inside.length) {
    throw new Error(`downsampleCategory: ${JSON.stringify(value)} has ${inside.length} rows, fewer than the ${k} that a share of ${share} beside ${others} other rows needs.`);
  }
  const perm = new Rng(seed).permutation(inside.length);
  for (let i = 0; i < k; i++) keep[inside[perm[i]]] = 1;
  const indices: number[] = [];
  keep.forEach((f, r) => f && indices.push(r));
  return selectRows(table, indices);
}
