// Vector datasets from the numeric columns of a CsvTable, standardised with train-split mean and
// (population) standard deviation like scikit-learn's StandardScaler, so a VAE can train on tables.
import { Rng } from '../random/rng.js';
import { getColumn, type CsvTable, type NumericColumn } from './csv.js';
import { VectorDataset, type VectorDatasetOptions } from './vector-dataset.js';

/** Per-column statistics used to standardise (x − mean) / std; constant columns get std 1. */
export interface Standardization {
  columns: string[];
  mean: number[];
  std: number[];
}

/** A VectorDataset of standardised table rows that remembers how to undo the standardisation. */
export class StandardizedDataset extends VectorDataset {
  /** The statistics (fitted on the train split) applied to these rows. */
  readonly standardization: Standardization;

  constructor(opts: VectorDatasetOptions & { standardization: Standardization }) {
    super(opts);
    this.standardization = opts.standardization;
  }
}

/** Options for tableDatasets. */
export interface TableDatasetOptions {
  name?: string;
  /** Numeric columns to use (default: every numeric column except labelColumn). */
  columns?: string[];
  /** A categorical column whose category codes become the labels y. */
  labelColumn?: string;
  /** Rows held out for test (default 10 % of the rows, rounded). */
  testSize?: number;
  /** Seed of the random train/test row split. */
  seed?: number;
  /** Drop rows with a missing value in the chosen columns instead of throwing. */
  dropMissingRows?: boolean;
}

/** Names of the numeric columns of `table`. */
export function numericColumnNames(table: CsvTable): string[] {
  return table.columns.filter((c) => c.type === 'numeric').map((c) => c.name);
}

/** Splits the rows of `table` at random into standardised train/test vector datasets over its numeric columns. */
export function tableDatasets(
  table: CsvTable,
  opts: TableDatasetOptions = {},
): { train: StandardizedDataset; test: StandardizedDataset; standardization: Standardization } {
  const { name = 'table', labelColumn, seed = 0, dropMissingRows = false } = opts;
  const names = opts.columns ?? numericColumnNames(table).filter((c) => c !== labelColumn);
  if (names.length === 0) {
    throw new Error(`${table.source} has no numeric columns to build vectors from; columns: ${table.columns.map((c) => `${c.name} (${c.type})`).join(', ')}.`);
  }
  const cols = names.map((c) => {
    const col = getColumn(table, c);
    if (col.type !== 'numeric') throw new Error(`${table.source}: column '${c}' is categorical; vector datasets take numeric columns (${numericColumnNames(table).join(', ')}).`);
    return col as NumericColumn;
  });
  let labels: Int32Array | undefined;
  let numClasses: number | undefined;
  if (labelColumn !== undefined) {
    const lc = getColumn(table, labelColumn);
    if (lc.type !== 'categorical') throw new Error(`${table.source}: label column '${labelColumn}' is numeric; labels must come from a categorical column.`);
    labels = lc.codes;
    numClasses = lc.categories.length;
  }
  let keep: number[] = [];
  for (let r = 0; r < table.rows; r++) if (cols.every((c) => !Number.isNaN(c.values[r]))) keep.push(r);
  if (keep.length < table.rows && !dropMissingRows) {
    const bad = cols.filter((c) => c.missing > 0).map((c) => `'${c.name}' (${c.missing})`);
    throw new Error(
      `${table.source}: missing values in numeric column(s) ${bad.join(', ')}; choose columns without missing values ` +
        `or set dropMissingRows to drop the ${table.rows - keep.length} affected rows.`,
    );
  }
  const perm = new Rng(seed).permutation(keep.length);
  keep = Array.from(perm, (i) => keep[i]);
  const testSize = opts.testSize ?? Math.round(keep.length * 0.1);
  if (!Number.isInteger(testSize) || testSize < 1 || testSize >= keep.length) {
    throw new Error(`${table.source}: test size must be an integer in 1..${keep.length - 1} (there are ${keep.length} usable rows), got ${testSize}.`);
  }
  const testRows = keep.slice(0, testSize);
  const trainRows = keep.slice(testSize);
  // moments of x / m, m = max |x|: sums of values near ±1.8e308 (or their squares near 1e200) overflow to ±Inf
  const scale = cols.map((c) => trainRows.reduce((m, r) => Math.max(m, Math.abs(c.values[r])), 0) || 1);
  const meanU = cols.map((c, j) => trainRows.reduce((s, r) => s + c.values[r] / scale[j], 0) / trainRows.length);
  const stdU = cols.map((c, j) => {
    const v = trainRows.reduce((s, r) => s + (c.values[r] / scale[j] - meanU[j]) ** 2, 0) / trainRows.length;
    return v > 0 ? Math.sqrt(v) : 0;
  });
  const mean = meanU.map((u, j) => u * scale[j]);
  const std = stdU.map((u, j) => (u * scale[j] > 0 && Number.isFinite(u * scale[j]) ? u * scale[j] : 1));
  const standardization: Standardization = { columns: names, mean, std };
  const z = (v: number, j: number) => (stdU[j] * scale[j] > 0 && Number.isFinite(stdU[j] * scale[j]) ? (v / scale[j] - meanU[j]) / stdU[j] : v - mean[j]);
  const make = (split: string, rows: number[]): StandardizedDataset => {
    const d = cols.length;
    const data = new Float32Array(rows.length * d); // [N, D]
    rows.forEach((r, i) => cols.forEach((c, j) => {
      data[i * d + j] = z(c.values[r], j);
      if (!Number.isFinite(data[i * d + j])) {
        throw new Error(`${table.source}: column '${names[j]}' (table row ${r + 1}) holds ${c.values[r]}, which lies beyond float32 range once standardised (train mean ${mean[j]}, std ${std[j]}); rescale the column.`);
      }
    }));
    const ys = labels ? Int32Array.from(rows, (r) => labels![r]) : undefined;
    return new StandardizedDataset({ name: `${name}/${split}`, data, dim: d, labels: ys, numClasses, standardization });
  };
  return { train: make('train', trainRows), test: make('test', testRows), standardization };
}

/** Maps standardised rows [N, D] (row-major) back to the original column units. */
export function destandardize(data: Float32Array, s: Standardization): Float32Array {
  const d = s.columns.length;
  if (data.length % d !== 0) throw new Error(`destandardize: ${data.length} values is not a whole number of rows of ${d} columns.`);
  return data.map((v, i) => v * s.std[i % d] + s.mean[i % d]);
}
