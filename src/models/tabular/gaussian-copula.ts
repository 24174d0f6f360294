// Gaussian copula baseline (SDV's GaussianCopulaSynthesizer over the copulas package's
// GaussianMultivariate): per-column marginals, the correlation of normal scores, sampling by Cholesky.
import { z } from 'zod';
import { isNumericKind, type TableSchema, type TypedTable } from '../../data/tabular/types.js';
import { Rng } from '../../random/rng.js';
import { conditionalGaussian, positiveDefinite } from './copula-linalg.js';
import {
  checkMarginals, checkTable, cumulativeCounts, discreteInverseCdf, fitMarginal, marginalJson, numericCdfInterval,
  numericInverseCdf, parseOrThrow, sortedObserved, tableSchemaJson, DEFAULT_QUANTILES, type ColumnMarginal,
} from './marginals.js';
import { normalCdf, normalQuantile, truncatedNormal } from './normal.js';

/** One dimension of the copula: a column's value, or a numeric column's missing indicator (SDV's `#is_null`). */
export interface LatentDim {
  column: number;
  role: 'value' | 'missing';
}

/** A fitted Gaussian copula, plain data (its JSON is itself). */
export interface GaussianCopulaParams {
  kind: 'gaussian-copula';
  schema: TableSchema;
  /** Training rows. */
  rows: number;
  marginals: ColumnMarginal[];
  latent: LatentDim[];
  /** Correlation of the normal scores, row-major [d, d], d = latent.length; positive definite. */
  correlation: number[];
  /** λ of the positive-definite repair (1 − λ)·R + λ·I; 0 when R had a Cholesky factor as fitted. */
  shrinkage: number;
}

/** Conditions for sampling: a discrete column's category name, or a numeric column's value. */
export type CopulaCondition = Record<string, string | number>;

/** The copula's dimensions for a schema: each column's value, then its missing indicator for 'indicator' columns. */
export function copulaLatentLayout(schema: TableSchema): LatentDim[] {
  const out: LatentDim[] = [];
  schema.columns.forEach((c, j) => {
    out.push({ column: j, role: 'value' });
    if (isNumericKind(c.kind) && c.missing === 'indicator') out.push({ column: j, role: 'missing' });
  });
  return out;
}

/** Index of the first element ≥ x (side 'left') or > x (side 'right') in sorted values. */
function searchSorted(s: Float64Array, x: number, right: boolean): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid] < x || (right && s[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Normal scores z = Φ⁻¹(u) of every copula dimension. u is the empirical CDF at the cell's rank,
 * u = (r − ½)/n, where r runs over the ranks its value shares with its ties: L values below it and E
 * equal to it give r = L + 1 + v·(E − 1), v ~ U[0, 1) from `noise` (untied values get exactly
 * (rank − ½)/n). A discrete column is ranked by category code, so a category's cells spread uniformly
 * over its interval [L/n, (L + E)/n] of [0, 1] (SDV's UniformEncoder, half a cell in from each end);
 * the missing indicator is a two-category column [present, missing]; a missing numeric cell's value
 * score is u = (½ + v·(n − 1))/n, a draw from the column's own marginal that carries no dependence.
 * `noise` is an Rng (one uniform per cell, dimension by dimension) or the uniforms themselves.
 */
export function copulaNormalScores(table: TypedTable, noise: Rng | Float64Array[]): { latent: LatentDim[]; scores: Float64Array[] } {
  checkTable(table);
  const latent = copulaLatentLayout(table.schema);
  const n = table.rows;
  if (!(noise instanceof Rng)) {
    if (noise.length !== latent.length || noise.some((v) => v.length !== n)) {
      throw new Error(`Explicit tie noise needs ${latent.length} arrays of ${n} uniforms (one per copula dimension and row).`);
    }
  }
  const scores = latent.map((dim, l) => {
    const v = noise instanceof Rng ? Float64Array.from({ length: n }, () => noise.uniform()) : noise[l];
    const col = table.columns[dim.column];
    const kind = table.schema.columns[dim.column].kind;
    const z = new Float64Array(n);
    const rankScore = (below: number, equal: number, total: number, vi: number) => normalQuantile((below + 0.5 + vi * (equal - 1)) / total);
    if (dim.role === 'missing' || !isNumericKind(kind)) {
      const codes = dim.role === 'missing' ? col.map((x) => (Number.isNaN(x) ? 1 : 0)) : col;
      const counts = dim.role === 'missing' ? [0, 0] : new Array<number>(table.schema.columns[dim.column].categories!.length).fill(0);
      for (let i = 0; i < n; i++) counts[codes[i]]++;
      const cum = cumulativeCounts(counts);
      for (let i = 0; i < n; i++) z[i] = rankScore(cum[codes[i]], counts[codes[i]], n, v[i]);
    } else {
      const sorted = sortedObserved(col);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (Number.isNaN(x)) z[i] = rankScore(0, n, n, v[i]);
        else {
          const below = searchSorted(sorted, x, false);
          z[i] = rankScore(below, searchSorted(sorted, x, true) - below, sorted.length, v[i]);
        }
      }
    }
    return z;
  });
  return { latent, scores };
}

/** Pearson correlation matrix (row-major [d, d], float64, exact unit diagonal; a constant column correlates 0). */
export function correlationMatrix(cols: readonly Float64Array[]): Float64Array {
  const d = cols.length;
  const n = cols[0]?.length ?? 0;
  const centred = cols.map((c) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += c[i];
    mean /= n;
    return c.map((x) => x - mean);
  });
  const sd = centred.map((c) => Math.sqrt(c.reduce((s, x) => s + x * x, 0)));
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    r[a * d + a] = 1;
    for (let b = a + 1; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += centred[a][i] * centred[b][i];
      const v = sd[a] > 0 && sd[b] > 0 ? s / (sd[a] * sd[b]) : 0;
      r[a * d + b] = r[b * d + a] = Math.max(-1, Math.min(1, v));
    }
  }
  return r;
}

/** Fits the copula: marginals, normal scores (see copulaNormalScores) and their correlation, made positive definite. */
export function fitGaussianCopula(table: TypedTable, noise: Rng | Float64Array[], opts: { maxQuantiles?: number } = {}): GaussianCopulaParams {
  const { latent, scores } = copulaNormalScores(table, noise);
  const marginals = table.schema.columns.map((c, j) => fitMarginal(table.columns[j], c, opts.maxQuantiles ?? DEFAULT_QUANTILES));
  const pd = positiveDefinite(correlationMatrix(scores), latent.length);
  return { kind: 'gaussian-copula', schema: table.schema, rows: table.rows, marginals, latent, correlation: Array.from(pd.correlation), shrinkage: pd.shrinkage };
}

/** A resolved condition on one copula dimension: a point (numeric value) or an interval (category). */
interface LatentCondition {
  dim: number;
  lo: number;
  hi: number;
}

/** Turns `{column: value}` into bounds on the copula's normal scores, with errors that name the column. */
function resolveConditions(p: GaussianCopulaParams, condition: CopulaCondition): { conds: LatentCondition[]; codes: Map<number, number> } {
  const conds: LatentCondition[] = [];
  const codes = new Map<number, number>(); // column → the value written back
  const names = p.schema.columns.map((c) => c.name);
  const interval = (below: number, count: number, total: number) => ({ lo: normalQuantile(below / total), hi: normalQuantile((below + count) / total) });
  for (const [name, value] of Object.entries(condition)) {
    const j = names.indexOf(name);
    if (j < 0) throw new Error(`Cannot condition on '${name}': no such column (columns: ${names.join(', ')}).`);
    const c = p.schema.columns[j];
    const m = p.marginals[j];
    const dim = p.latent.findIndex((l) => l.column === j && l.role === 'value');
    if (m.type === 'discrete') {
      const code = c.categories!.indexOf(String(value));
      if (code < 0) throw new Error(`Cannot condition on ${name} = '${value}': not one of its categories (${c.categories!.slice(0, 10).join(', ')}${c.categories!.length > 10 ? ', …' : ''}).`);
      if (m.counts[code] === 0) throw new Error(`Cannot condition on ${name} = '${value}': the category never appears in the training rows, so the copula gives it probability 0.`);
      const cum = cumulativeCounts(m.counts);
      conds.push({ dim, ...interval(cum[code], m.counts[code], cum[cum.length - 1]) });
      codes.set(j, code);
    } else {
      const x = typeof value === 'number' ? value : Number(value);
      if (m.quantiles.length === 0) throw new Error(`Cannot condition on ${name} = ${value}: the column has no observed value in the training rows.`);
      const lo = m.quantiles[0];
      const hi = m.quantiles[m.quantiles.length - 1];
      if (!Number.isFinite(x) || x < lo || x > hi) {
        throw new Error(`Cannot condition on ${name} = ${value}: a ${c.kind} column conditions on a number within its training range [${lo}, ${hi}].`);
      }
      const [ua, ub] = numericCdfInterval(m, x);
      if (ub > ua) conds.push({ dim, lo: normalQuantile(ua), hi: normalQuantile(ub) }); // a tied value: the scores of its ties
      else {
        const zx = normalQuantile(Math.min(Math.max(ua, 0.5 / m.observed), 1 - 0.5 / m.observed)); // a point strictly inside (0, 1)
        conds.push({ dim, lo: zx, hi: zx });
      }
      codes.set(j, x);
      const miss = p.latent.findIndex((l) => l.column === j && l.role === 'missing');
      if (miss >= 0) conds.push({ dim: miss, ...interval(0, m.observed, m.observed + m.missing) }); // a value means "present"
    }
  }
  return { conds, codes };
}

/**
 * Draws n rows of the copula's normal scores, one Float64Array per dimension. Unconditionally z = L·ε
 * (L·Lᵀ = R). With conditions, the conditioned dimensions are drawn first — a numeric value fixes its
 * score (a tied one confines it to its ties' interval), a category confines its score to the category's
 * interval — then the rest from the conditional
 * Gaussian given them. One interval condition is drawn exactly (a truncated normal); several by
 * `gibbsSweeps` sweeps of Gibbs sampling over their truncated full conditionals (default 50), so no
 * category is too rare to condition on (no rejection sampling).
 */
export function sampleCopulaLatent(p: GaussianCopulaParams, n: number, rng: Rng, opts: { condition?: CopulaCondition; gibbsSweeps?: number } = {}): Float64Array[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`The number of rows to sample must be a non-negative integer, got ${n}.`);
  const d = p.latent.length;
  const out = Array.from({ length: d }, () => new Float64Array(n));
  const conds = opts.condition ? resolveConditions(p, opts.condition).conds : [];
  const cond = conds.map((c) => c.dim);
  const { free, gain, factor, precision } = conditionalGaussian(p.correlation, d, cond);
  const s = cond.length;
  const f = free.length;
  const intervals = conds.map((c, k) => k).filter((k) => conds[k].lo < conds[k].hi);
  const sweeps = intervals.length > 1 ? (opts.gibbsSweeps ?? 50) : 1;
  const zs = new Float64Array(s);
  const eps = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    conds.forEach((c, k) => (zs[k] = c.lo === c.hi ? c.lo : truncatedNormal(rng, 0, 1, c.lo, c.hi)));
    for (let sweep = 0; sweep < sweeps; sweep++) {
      for (const k of intervals) {
        // full conditional of z_k given the other conditioned scores: N(−Σ_{j≠k} Q_kj z_j / Q_kk, 1/Q_kk)
        let t = 0;
        for (let j = 0; j < s; j++) if (j !== k) t += precision[k * s + j] * zs[j];
        const q = precision[k * s + k];
        zs[k] = truncatedNormal(rng, -t / q, 1 / Math.sqrt(q), conds[k].lo, conds[k].hi);
      }
    }
    for (let k = 0; k < s; k++) out[cond[k]][i] = zs[k];
    for (let a = 0; a < f; a++) eps[a] = rng.normal();
    for (let a = 0; a < f; a++) {
      let v = 0;
      for (let k = 0; k < s; k++) v += gain[a * s + k] * zs[k];
      for (let b = 0; b <= a; b++) v += factor[a * f + b] * eps[b];
      out[free[a]][i] = v;
    }
  }
  return out;
}

/** Maps normal scores back to a table: u = Φ(z), then each column's inverse marginal. */
export function decodeCopulaLatent(p: GaussianCopulaParams, latent: readonly Float64Array[]): TypedTable {
  const n = latent[0]?.length ?? 0;
  const columns = p.schema.columns.map(() => new Float64Array(n));
  p.latent.forEach((dim, l) => {
    const m = p.marginals[dim.column];
    const z = latent[l];
    const col = columns[dim.column];
    if (dim.role === 'missing') {
      if (m.type !== 'numeric' || m.missing === 0) return; // never missing in training: never missing here
      const present = m.observed / (m.observed + m.missing);
      for (let i = 0; i < n; i++) if (normalCdf(z[i]) >= present) col[i] = NaN;
    } else if (m.type === 'discrete') {
      const cum = cumulativeCounts(m.counts);
      for (let i = 0; i < n; i++) col[i] = discreteInverseCdf(cum, normalCdf(z[i]));
    } else {
      // the missing dimension comes after the value one and overwrites with NaN
      for (let i = 0; i < n; i++) col[i] = numericInverseCdf(m, normalCdf(z[i]));
    }
  });
  return { schema: p.schema, rows: n, columns };
}

/** n synthetic rows; with `condition`, every row carries the given values (see sampleCopulaLatent). */
export function sampleGaussianCopula(p: GaussianCopulaParams, n: number, rng: Rng, opts: { condition?: CopulaCondition; gibbsSweeps?: number } = {}): TypedTable {
  const table = decodeCopulaLatent(p, sampleCopulaLatent(p, n, rng, opts));
  if (opts.condition) for (const [j, v] of resolveConditions(p, opts.condition).codes) table.columns[j].fill(v);
  return table;
}

const paramsJson = z.object({
  kind: z.literal('gaussian-copula'),
  schema: tableSchemaJson,
  rows: z.number().int().min(1),
  marginals: z.array(marginalJson),
  latent: z.array(z.object({ column: z.number().int().min(0), role: z.enum(['value', 'missing']) })),
  correlation: z.array(z.number().min(-1).max(1)),
  shrinkage: z.number().min(0).max(1),
});

/** The copula as JSON-safe data (saved with a run). */
export function gaussianCopulaToJSON(p: GaussianCopulaParams): unknown {
  return { kind: p.kind, schema: p.schema, rows: p.rows, marginals: p.marginals, latent: p.latent, correlation: p.correlation, shrinkage: p.shrinkage };
}

/** Reads a saved copula back, checking its shape and that its correlation is a symmetric positive-definite correlation matrix. */
export function gaussianCopulaFromJSON(json: unknown): GaussianCopulaParams {
  const p = parseOrThrow(paramsJson, json, 'Gaussian copula') as GaussianCopulaParams;
  const bad = (why: string) => new Error(`Invalid Gaussian copula: ${why}.`);
  const why = checkMarginals(p.schema, p.marginals, p.rows);
  if (why) throw bad(why);
  const layout = copulaLatentLayout(p.schema);
  if (JSON.stringify(layout) !== JSON.stringify(p.latent)) throw bad(`'latent' does not match the schema's layout ${JSON.stringify(layout)}`);
  const d = layout.length;
  const r = p.correlation;
  if (r.length !== d * d) throw bad(`'correlation' has ${r.length} entries, expected ${d}×${d}`);
  for (let a = 0; a < d; a++) {
    if (r[a * d + a] !== 1) throw bad(`'correlation' has ${r[a * d + a]} on its diagonal at ${a}, expected 1`);
    for (let b = 0; b < a; b++) if (Math.abs(r[a * d + b] - r[b * d + a]) > 1e-12) throw bad(`'correlation' is not symmetric at (${a}, ${b})`);
  }
  if (positiveDefinite(Float64Array.from(r), d).shrinkage !== 0) throw bad(`'correlation' is not positive definite`);
  return p;
}
