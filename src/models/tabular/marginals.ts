// Per-column marginals of a TypedTable for the copula and independent-columns baselines: the empirical
// distribution of a numeric column as a quantile table (numpy's default 'linear' quantiles) plus its
// missing count, a discrete column's category counts (SDGym's ColumnSynthesizer models each column so).
import { z } from 'zod';
import { isNumericKind, type ColumnSchema, type TableSchema, type TypedTable } from '../../data/tabular/types.js';
import type { Rng } from '../../random/rng.js';

/** How many quantiles a numeric marginal keeps at most (p = 0, 0.001, …, 1: min and max included). */
export const DEFAULT_QUANTILES = 1001;

/** A numeric column's empirical distribution. */
export interface NumericMarginal {
  type: 'numeric';
  /** Quantiles of the observed cells at p = k/(m − 1), k = 0…m − 1, m = min(observed, 1001): min first, max last. */
  quantiles: number[];
  /** Cells with a value. */
  observed: number;
  /** NaN cells (only 'indicator' columns have any). */
  missing: number;
  /** Samples are rounded (integer and datetime kinds). */
  integer: boolean;
}

/** A discrete column's category counts, indexed by category code. */
export interface DiscreteMarginal {
  type: 'discrete';
  counts: number[];
}

export type ColumnMarginal = NumericMarginal | DiscreteMarginal;

/** Checks the table against its schema up front (sizes, codes, missing cells), naming the first bad cell. */
export function checkTable(table: TypedTable, what = 'table'): void {
  const cols = table.schema.columns;
  if (!Number.isInteger(table.rows) || table.rows < 1) throw new Error(`The ${what} needs at least one row, got rows = ${table.rows}.`);
  if (table.columns.length !== cols.length) {
    throw new Error(`The ${what} has ${table.columns.length} value arrays for ${cols.length} schema columns; they must match one to one.`);
  }
  cols.forEach((c, j) => {
    const v = table.columns[j];
    if (v.length !== table.rows) throw new Error(`Column '${c.name}' has ${v.length} cells, the ${what} has ${table.rows} rows.`);
    if (isNumericKind(c.kind)) {
      for (let i = 0; i < v.length; i++) {
        if (Number.isNaN(v[i]) && c.missing !== 'indicator') {
          throw new Error(`Column '${c.name}' (${c.kind}) has a missing cell at row ${i} but its missing policy is '${c.missing}'; declare missing: 'indicator' to model missing values.`);
        }
        if (v[i] === Infinity || v[i] === -Infinity) throw new Error(`Column '${c.name}' has an infinite value at row ${i}; numeric cells must be finite or NaN (missing).`);
      }
    } else {
      const k = c.categories?.length ?? 0;
      if (k < 1) throw new Error(`Discrete column '${c.name}' (${c.kind}) has no categories in its schema.`);
      for (let i = 0; i < v.length; i++) {
        if (!Number.isInteger(v[i]) || v[i] < 0 || v[i] >= k) {
          throw new Error(`Column '${c.name}' row ${i} holds ${v[i]}, not a category code in 0…${k - 1} (missing values of a discrete column are a category of their own).`);
        }
      }
    }
  });
}

/** Quantile of sorted values at p by linear interpolation between order statistics (numpy's default). */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** The observed (non-NaN) values of a column, sorted ascending. */
export function sortedObserved(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** Fits one column's marginal (the column must have passed checkTable). */
export function fitMarginal(values: Float64Array, column: ColumnSchema, maxQuantiles = DEFAULT_QUANTILES): ColumnMarginal {
  if (!isNumericKind(column.kind)) {
    const counts = new Array<number>(column.categories?.length ?? 0).fill(0);
    for (let i = 0; i < values.length; i++) counts[values[i]]++;
    return { type: 'discrete', counts };
  }
  if (!Number.isInteger(maxQuantiles) || maxQuantiles < 2) throw new Error(`maxQuantiles must be an integer ≥ 2, got ${maxQuantiles}.`);
  const sorted = sortedObserved(values);
  const m = Math.min(sorted.length, maxQuantiles);
  const quantiles = new Array<number>(m);
  // m = observed count keeps every order statistic exactly (h = k below)
  for (let k = 0; k < m; k++) quantiles[k] = m === 1 ? sorted[0] : sortedQuantile(sorted, k / (m - 1));
  return { type: 'numeric', quantiles, observed: sorted.length, missing: values.length - sorted.length, integer: column.kind !== 'continuous' };
}

/** Fits every column's marginal. */
export function fitMarginals(table: TypedTable, maxQuantiles = DEFAULT_QUANTILES): ColumnMarginal[] {
  checkTable(table);
  return table.schema.columns.map((c, j) => fitMarginal(table.columns[j], c, maxQuantiles));
}

/** The inverse CDF of a numeric marginal's observed values: linear interpolation in the quantile table. */
export function numericInverseCdf(m: NumericMarginal, u: number): number {
  const q = m.quantiles;
  if (q.length === 0) return NaN;
  const h = Math.min(Math.max(u, 0), 1) * (q.length - 1);
  const lo = Math.min(Math.floor(h), q.length - 1);
  const x = lo === q.length - 1 ? q[lo] : q[lo] + (h - lo) * (q[lo + 1] - q[lo]);
  return m.integer ? Math.round(x) : x;
}

/**
 * Where a value sits in [0, 1] under a numeric marginal (the quantile table inverted): a point [u, u]
 * on a rising stretch of the table, the whole stretch [u₀, u₁] where the table is flat at the value (its
 * ties: every u in it decodes back to the value), [0, 1] for a single observed value. Used to condition
 * on a numeric value.
 */
export function numericCdfInterval(m: NumericMarginal, x: number): [number, number] {
  const q = m.quantiles;
  const last = q.length - 1;
  if (last < 1) return [0, 1];
  if (x < q[0]) return [0, 0];
  if (x > q[last]) return [1, 1];
  let first = 0; // first index with q ≥ x
  let hi = last;
  while (first < hi) {
    const mid = (first + hi) >> 1;
    if (q[mid] < x) first = mid + 1;
    else hi = mid;
  }
  if (q[first] > x) {
    const u = (first - 1 + (x - q[first - 1]) / (q[first] - q[first - 1])) / last;
    return [u, u];
  }
  let end = first; // last index with q = x
  while (end < last && q[end + 1] === x) end++;
  return [first / last, end / last];
}

/** The CDF of a numeric marginal: the middle of numericCdfInterval. */
export function numericCdf(m: NumericMarginal, x: number): number {
  const [a, b] = numericCdfInterval(m, x);
  return (a + b) / 2;
}

/** Prefix sums of category counts: category c owns [cum[c], cum[c + 1]) of [0, total). */
export function cumulativeCounts(counts: readonly number[]): Float64Array {
  const cum = new Float64Array(counts.length + 1);
  for (let c = 0; c < counts.length; c++) cum[c + 1] = cum[c] + counts[c];
  return cum;
}

/** The category whose interval [cum[c]/N, cum[c+1]/N) holds u (categories never seen are never returned). */
export function discreteInverseCdf(cum: Float64Array, u: number): number {
  const k = cum.length - 1;
  const t = u * cum[k];
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cum[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && cum[lo + 1] === cum[lo]) lo--; // u at the very top lands on an empty category's edge
  return lo;
}

/** n independent draws from one marginal (a numeric cell is missing with the fitted missing rate). */
export function sampleMarginal(m: ColumnMarginal, n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  if (m.type === 'discrete') {
    const cum = cumulativeCounts(m.counts);
    for (let i = 0; i < n; i++) out[i] = discreteInverseCdf(cum, rng.uniform());
    return out;
  }
  const rate = m.missing / (m.missing + m.observed);
  for (let i = 0; i < n; i++) {
    out[i] = m.missing > 0 && rng.uniform() < rate ? NaN : numericInverseCdf(m, rng.uniform());
  }
  return out;
}

// ---- JSON (zod): what is read back is validated before it is sampled from ----

const columnSchemaJson = z.object({
  name: z.string().min(1),
  kind: z.enum(['continuous', 'integer', 'datetime', 'categorical', 'ordinal', 'boolean']),
  categories: z.array(z.string()).optional(),
  missing: z.enum(['none', 'category', 'indicator']),
  missingToken: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  format: z.object({ decimals: z.number().int().min(0).optional(), datetime: z.string().optional() }).optional(),
});

/** A TableSchema as saved with a model. */
export const tableSchemaJson = z.object({ columns: z.array(columnSchemaJson).min(1) });

const count = z.number().int().min(0);

/** One column's marginal as saved. */
export const marginalJson = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('numeric'),
    quantiles: z.array(z.number()).refine((q) => q.every((v, i) => i === 0 || v >= q[i - 1]), 'quantiles must be non-decreasing'),
    observed: count,
    missing: count,
    integer: z.boolean(),
  }),
  z.object({ type: z.literal('discrete'), counts: z.array(count).refine((c) => c.some((v) => v > 0), 'at least one category must have been seen') }),
]);

/** Checks that marginals fit the schema and row count they were saved with (one per column, of the column's type). */
export function checkMarginals(schema: TableSchema, marginals: readonly ColumnMarginal[], rows: number): string | null {
  if (marginals.length !== schema.columns.length) return `${marginals.length} marginals for ${schema.columns.length} columns`;
  for (let j = 0; j < marginals.length; j++) {
    const c = schema.columns[j];
    const m = marginals[j];
    if (isNumericKind(c.kind) !== (m.type === 'numeric')) return `column '${c.name}' is ${c.kind} but its marginal is ${m.type}`;
    const cells = m.type === 'numeric' ? m.observed + m.missing : m.counts.reduce((a, b) => a + b, 0);
    if (cells !== rows) return `column '${c.name}' counts ${cells} cells but the model was fitted on ${rows} rows`;
    if (m.type === 'discrete' && m.counts.length !== (c.categories?.length ?? 0)) {
      return `column '${c.name}' has ${c.categories?.length ?? 0} categories but ${m.counts.length} counts`;
    }
    if (m.type === 'numeric') {
      if (m.quantiles.length > m.observed || (m.observed > 0) !== (m.quantiles.length > 0)) {
        return `column '${c.name}' has ${m.quantiles.length} quantiles for ${m.observed} observed cells`;
      }
      if (m.missing > 0 && c.missing !== 'indicator') return `column '${c.name}' has missing cells but its policy is '${c.missing}'`;
    }
  }
  return null;
}

/** Parses with a zod schema; throws naming what was being read and the first bad key. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue.path.map(String).join('.') || '(root)';
  throw new Error(`Invalid ${what}: '${key}' ${issue.message.replace(/^Invalid input: /, '')}.`);
}
