// Column shapes as SDMetrics' ColumnShapes property: KSComplement (1 − two-sample KS D, scipy's
// ks_2samp statistic) for numeric kinds, TVComplement (1 − ½Σ|f_s − f_r|, sdmetrics.utils.get_frequencies).
import { isNumericKind, type TypedTable } from '../../data/tabular/types.js';

/** numpy's rint: round half to even. */
export function rintEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; numpy rounds ties to the even neighbour
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** np.round(x, 14) as pandas' Series.round(MAX_DECIMALS) in KSComplement: rint(x·10¹⁴)/10¹⁴. */
export function round14(x: number): number {
  return rintEven(x * 1e14) / 1e14;
}

/** The finite (non-NaN) values of a column, sorted ascending. */
function sortedPresent(v: Float64Array, round: boolean): Float64Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) out[k++] = round ? round14(v[i]) : v[i];
  return out.sort();
}

/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup |F₁ − F₂| over the pooled values, each ECDF taken
 * as count/n (scipy.stats.ks_2samp's `searchsorted(..., side='right') / n`). NaN when a sample is empty.
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const x = a.slice().sort(), y = b.slice().sort();
  const n1 = x.length, n2 = y.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0, j = 0, d = 0;
  while (i < n1 || j < n2) {
    // the next pooled value; both ECDFs jump past every copy of it
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  return d;
}

/** KSComplement of one numeric column: NaN dropped, continuous values rounded to 14 decimals as SDMetrics. */
export function ksComplement(real: Float64Array, synthetic: Float64Array, round = true): number {
  return 1 - ksStatistic(sortedPresent(real, round), sortedPresent(synthetic, round));
}

/**
 * TVComplement of one discrete column of category codes (NaN codes dropped). As get_frequencies,
 * a code seen only in the synthetic column adds 1e-6 to the real counts (and to their total).
 */
export function tvComplement(real: Float64Array, synthetic: Float64Array): number {
  const cr = new Map<number, number>(), cs = new Map<number, number>();
  let ns = 0;
  for (const v of real) if (!Number.isNaN(v)) cr.set(v, (cr.get(v) ?? 0) + 1);
  for (const v of synthetic) if (!Number.isNaN(v)) { cs.set(v, (cs.get(v) ?? 0) + 1); ns++; }
  if (cr.size === 0 || ns === 0) return NaN; // SDMetrics: IncomputableMetricError → NaN in the report
  for (const k of cs.keys()) if (!cr.has(k)) cr.set(k, 1e-6);
  let nr = 0;
  for (const c of cr.values()) nr += c;
  let tv = 0;
  for (const [k, c] of cr) tv += Math.abs((cs.get(k) ?? 0) / ns - c / nr);
  return 1 - 0.5 * tv;
}

/** One column's shape score. */
export interface ColumnShape {
  column: string;
  metric: 'KSComplement' | 'TVComplement';
  score: number;
}

/** Throws unless two tables share one schema (same names and kinds, in order). */
export function checkSameSchema(real: TypedTable, synthetic: TypedTable): void {
  const a = real.schema.columns, b = synthetic.schema.columns;
  if (a.length !== b.length) throw new Error(`Tabular metrics: the real table has ${a.length} columns, the synthetic ${b.length}.`);
  for (let c = 0; c < a.length; c++) {
    if (a[c].name !== b[c].name || a[c].kind !== b[c].kind) {
      throw new Error(`Tabular metrics: column ${c} is "${a[c].name}" (${a[c].kind}) in the real table but "${b[c].name}" (${b[c].kind}) in the synthetic one.`);
    }
    const ca = a[c].categories, cb = b[c].categories;
    // codes index into `categories`: two lists that differ would compare different values under one code
    if (ca && cb && (ca.length !== cb.length || ca.some((v, i) => v !== cb[i]))) {
      throw new Error(`Tabular metrics: column "${a[c].name}" has categories [${ca.join(', ')}] in one table and [${cb.join(', ')}] in the other; read both tables with one schema so codes agree.`);
    }
  }
  for (const t of [real, synthetic]) {
    if (t.columns.length !== t.schema.columns.length) throw new Error(`Tabular metrics: a table has ${t.columns.length} column arrays for ${t.schema.columns.length} schema columns.`);
    t.columns.forEach((col, c) => {
      if (col.length !== t.rows) throw new Error(`Tabular metrics: column "${t.schema.columns[c].name}" has ${col.length} values, the table ${t.rows} rows.`);
    });
  }
}

/** Per-column shape scores in schema order (numeric kinds: KSComplement; discrete: TVComplement). */
export function columnShapes(real: TypedTable, synthetic: TypedTable): ColumnShape[] {
  checkSameSchema(real, synthetic);
  return real.schema.columns.map((col, c) =>
    isNumericKind(col.kind)
      // pandas rounds only float columns; integer and datetime columns are exact already
      ? { column: col.name, metric: 'KSComplement' as const, score: ksComplement(real.columns[c], synthetic.columns[c], col.kind === 'continuous') }
      : { column: col.name, metric: 'TVComplement' as const, score: tvComplement(real.columns[c], synthetic.columns[c]) },
  );
}

/** The mean of the finite scores (pandas' Series.mean skips NaN); NaN when there is none. */
export function nanMean(xs: number[]): number {
  let s = 0, n = 0;
  for (const x of xs) if (!Number.isNaN(x)) { s += x; n++; }
  return n === 0 ? NaN : s / n;
}
