// Column-pair trends as SDMetrics' ColumnPairTrends: CorrelationSimilarity (1 − |ρ_R − ρ_S|/2, Pearson)
// for numeric pairs, ContingencySimilarity (1 − ½Σ|P_R − P_S|) otherwise, with the real-data thresholds.
import { isNumericKind, type TypedTable } from '../../data/tabular/types.js';
import { checkSameSchema } from './column-shapes.js';

/**
 * How numeric columns are binned for a contingency table. 'real-edges' (ContingencySimilarity's own
 * discretize_column): 10 equal bins on the real range, outer edges ±∞, applied to both tables.
 * 'per-table' (the QualityReport's ColumnPairTrends._discretize_column): each table binned on its own
 * range with finite edges, so a table's maximum lands in an 11th bin shared with its missing values.
 */
export type PairBinning = 'real-edges' | 'per-table';

/** np.histogram_bin_edges(x[~isnan(x)], bins) for an integer bin count: linspace(min, max, bins + 1). */
export function histogramBinEdges(values: Float64Array, bins = 10): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (!Number.isNaN(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo > hi) { lo = 0; hi = 1; } // numpy's range for an empty array
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + lo; // numpy's linspace: i·step + start, last = stop
  edges[bins] = hi;
  return edges;
}

/** np.digitize(x, edges) for increasing edges: the count of edges ≤ x (NaN → edges.length). */
export function digitize(values: Float64Array, edges: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) { out[i] = edges.length; continue; }
    let a = 0, b = edges.length; // first edge > v, by bisection
    while (a < b) { const m = (a + b) >> 1; if (edges[m] <= v) a = m + 1; else b = m; }
    out[i] = a;
  }
  return out;
}

/** Pearson's r of the rows where both are present (np.corrcoef's centred form); NaN for < 2 rows or zero variance. */
export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) { n++; sx += x[i]; sy += y[i]; }
  if (n < 2) return NaN;
  const mx = sx / n, my = sy / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const dx = x[i] - mx, dy = y[i] - my;
    sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Distinct non-NaN values (pandas' nunique). */
function nunique(v: Float64Array): number {
  const s = new Set<number>();
  for (const x of v) if (!Number.isNaN(x)) s.add(x);
  return s.size;
}

/** CorrelationSimilarity's breakdown; `threshold` > 0 scores only pairs with real |ρ| above it. */
export function correlationSimilarity(
  rx: Float64Array, ry: Float64Array, sx: Float64Array, sy: Float64Array, threshold = 0,
): { score: number; real: number; synthetic: number } {
  // SDMetrics raises ConstantInputError (→ NaN) when any of the four columns holds one distinct value
  if ([rx, ry, sx, sy].some((v) => nunique(v) === 1)) return { score: NaN, real: NaN, synthetic: NaN };
  const real = pearson(rx, ry);
  if (Math.abs(real) <= threshold) return { score: NaN, real, synthetic: NaN };
  const synthetic = pearson(sx, sy);
  const score = Number.isNaN(real) || Number.isNaN(synthetic) ? NaN : 1 - Math.abs(real - synthetic) / 2;
  return { score, real, synthetic };
}

/** Dense level ids of a code column (NaN is a level of its own, as groupby(dropna=False)). */
function levels(a: Float64Array, b: Float64Array): { ia: Int32Array; ib: Int32Array; n: number } {
  const id = new Map<number, number>();
  const map = (v: Float64Array): Int32Array => {
    const out = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      let k = id.get(v[i]); // Map keys compare NaN equal to NaN
      if (k === undefined) { k = id.size; id.set(v[i], k); }
      out[i] = k;
    }
    return out;
  };
  const ia = map(a), ib = map(b);
  return { ia, ib, n: id.size };
}

/** Counts of (level of x, level of y) cells, row-major [nx, ny]. */
function counts(ix: Int32Array, iy: Int32Array, nx: number, ny: number): Float64Array {
  const c = new Float64Array(nx * ny);
  for (let i = 0; i < ix.length; i++) c[ix[i] * ny + iy[i]]++;
  return c;
}

/**
 * Cramér's V of a contingency table as scipy.stats.contingency.association(method='cramer'):
 * √(χ²/n / min(r − 1, c − 1)), χ² without Yates' correction, over the observed rows and columns only.
 */
export function cramersV(table: Float64Array, nx: number, ny: number): number {
  const rs = new Float64Array(nx), cs = new Float64Array(ny);
  let n = 0;
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) { const v = table[i * ny + j]; rs[i] += v; cs[j] += v; n += v; }
  const rows = [...rs.keys()].filter((i) => rs[i] > 0), cols = [...cs.keys()].filter((j) => cs[j] > 0);
  if (n === 0 || Math.min(rows.length, cols.length) < 2) return NaN;
  let chi2 = 0;
  for (const i of rows) {
    for (const j of cols) {
      const e = (rs[i] * cs[j]) / n;
      const d = table[i * ny + j] - e;
      chi2 += (d * d) / e;
    }
  }
  return Math.sqrt(chi2 / n / Math.min(rows.length - 1, cols.length - 1));
}

/**
 * ContingencySimilarity of two discrete (or already binned) column pairs; `threshold` > 0 scores only
 * pairs whose real Cramér's V exceeds it (the real association is NaN without a threshold, as SDMetrics).
 */
export function contingencySimilarity(
  rx: Float64Array, ry: Float64Array, sx: Float64Array, sy: Float64Array, threshold = 0,
): { score: number; realAssociation: number } {
  const x = levels(rx, sx), y = levels(ry, sy);
  const cr = counts(x.ia, y.ia, x.n, y.n);
  let realAssociation = NaN;
  if (threshold > 0) {
    realAssociation = cramersV(cr, x.n, y.n);
    if (!(realAssociation > threshold)) return { score: NaN, realAssociation };
  }
  const cs = counts(x.ib, y.ib, x.n, y.n);
  const nr = rx.length, ns = sx.length;
  let tv = 0;
  for (let k = 0; k < cr.length; k++) tv += Math.abs(cr[k] / nr - cs[k] / ns) / 2;
  return { score: 1 - tv, realAssociation };
}

/** One column pair's trend score (real/synthetic ρ for numeric pairs, real Cramér's V when thresholded). */
export interface PairTrend {
  column1: string;
  column2: string;
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number;
  realCorrelation: number;
  syntheticCorrelation: number;
  realAssociation: number;
  /** Whether the pair counts toward the thresholded average (always true without thresholds). */
  meetsThreshold: boolean;
}

/** Options of `columnPairTrends`. */
export interface PairTrendOptions {
  /** Real |ρ| a numeric pair must exceed to be scored; 0 (default) scores all. SDMetrics ≥ 0.27 QualityReport: 0.5. */
  correlationThreshold?: number;
  /** Real Cramér's V a contingency pair must exceed to be scored; 0 (default) scores all. SDMetrics ≥ 0.27 QualityReport: 0.3. */
  associationThreshold?: number;
  binning?: PairBinning;
  /** Bins per numeric column; default 10. */
  bins?: number;
}

/** The binned codes of every numeric column of both tables (discrete columns are left as they are). */
function binnedColumns(real: TypedTable, synthetic: TypedTable, binning: PairBinning, bins: number): [Float64Array[], Float64Array[]] {
  const br: Float64Array[] = [], bs: Float64Array[] = [];
  real.schema.columns.forEach((col, c) => {
    if (!isNumericKind(col.kind)) { br.push(real.columns[c]); bs.push(synthetic.columns[c]); return; }
    if (binning === 'per-table') {
      br.push(digitize(real.columns[c], histogramBinEdges(real.columns[c], bins)));
      bs.push(digitize(synthetic.columns[c], histogramBinEdges(synthetic.columns[c], bins)));
      return;
    }
    const edges = histogramBinEdges(real.columns[c], bins);
    edges[0] = -Infinity;
    edges[bins] = Infinity;
    br.push(digitize(real.columns[c], edges));
    bs.push(digitize(synthetic.columns[c], edges));
  });
  return [br, bs];
}

/** Every pair i < j of columns in schema order, scored as SDMetrics' ColumnPairTrends. */
export function columnPairTrends(real: TypedTable, synthetic: TypedTable, opts: PairTrendOptions = {}): PairTrend[] {
  checkSameSchema(real, synthetic);
  const ct = opts.correlationThreshold ?? 0, at = opts.associationThreshold ?? 0;
  for (const [k, v] of [['correlationThreshold', ct], ['associationThreshold', at]] as const) {
    if (!(v >= 0 && v <= 1)) throw new Error(`columnPairTrends: ${k} must be a number in [0, 1], got ${v}.`);
  }
  const [br, bs] = binnedColumns(real, synthetic, opts.binning ?? 'real-edges', opts.bins ?? 10);
  const cols = real.schema.columns;
  const out: PairTrend[] = [];
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      const base = { column1: cols[a].name, column2: cols[b].name };
      if (isNumericKind(cols[a].kind) && isNumericKind(cols[b].kind)) {
        const r = correlationSimilarity(real.columns[a], real.columns[b], synthetic.columns[a], synthetic.columns[b], ct);
        const meets = ct <= 0 || (!Number.isNaN(r.real) && Math.abs(r.real) > ct);
        out.push({ ...base, metric: 'CorrelationSimilarity', score: r.score, realCorrelation: r.real, syntheticCorrelation: r.synthetic, realAssociation: NaN, meetsThreshold: meets });
      } else {
        const r = contingencySimilarity(br[a], br[b], bs[a], bs[b], at);
        const meets = at <= 0 || (!Number.isNaN(r.realAssociation) && r.realAssociation > at);
        out.push({ ...base, metric: 'ContingencySimilarity', score: r.score, realCorrelation: NaN, syntheticCorrelation: NaN, realAssociation: r.realAssociation, meetsThreshold: meets });
      }
    }
  }
  return out;
}
