// Test helpers for the copula and independent-columns baselines: the committed fixture, hand-built
// typed tables with a known latent Gaussian, two-sample KS distances and sample correlations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ColumnSchema, TypedTable } from '../../src/data/tabular/types.js';
import { Rng } from '../../src/random/rng.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** copula.json written by test/fixtures/tabular-copula/make_copula_fixture.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixture: any = JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'tabular-copula', 'copula.json'), 'utf8'));

/** The fixture's 300-row Adult sample as a TypedTable (null cells are NaN). */
export function fixtureTable(): TypedTable {
  const t = fixture.table;
  return { schema: t.schema, rows: t.rows, columns: t.columns.map((c: (number | null)[]) => Float64Array.from(c, (v) => (v === null ? NaN : v))) };
}

/** The latent correlation of knownTable's four scores (z1…z4). */
export const KNOWN_R = [
  [1, 0.6, -0.4, 0.3],
  [0.6, 1, -0.2, 0.5],
  [-0.4, -0.2, 1, 0],
  [0.3, 0.5, 0, 1],
];

/** Rows of z ~ N(0, KNOWN_R) by its Cholesky factor, one Float64Array per coordinate. */
export function knownLatent(n: number, rng: Rng): Float64Array[] {
  const d = KNOWN_R.length;
  const l = KNOWN_R.map(() => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    let s = KNOWN_R[j][j];
    for (let k = 0; k < j; k++) s -= l[j][k] ** 2;
    l[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = KNOWN_R[i][j];
      for (let k = 0; k < j; k++) t -= l[i][k] * l[j][k];
      l[i][j] = t / l[j][j];
    }
  }
  const out = KNOWN_R.map(() => new Float64Array(n));
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) e[k] = rng.normal();
    for (let a = 0; a < d; a++) out[a][i] = l[a].reduce((s, v, k) => s + v * e[k], 0);
  }
  return out;
}

/**
 * A table from z ~ N(0, KNOWN_R): income = exp(z1) (continuous), hours = round(40 + 8·z2) (integer),
 * grade = z3 cut at −0.5 and 0.8 into ordinal ['low', 'mid', 'high'], spend = 100 + 20·z4
 * (continuous, a cell missing with probability `missing`, independently of z).
 */
export function knownTable(n: number, seed: number, missing = 0.1, continuousOnly = false): TypedTable {
  const rng = new Rng(seed);
  const [z1, z2, z3, z4] = knownLatent(n, rng);
  const schema: ColumnSchema[] = [
    { name: 'income', kind: 'continuous', missing: 'none' },
    { name: 'hours', kind: continuousOnly ? 'continuous' : 'integer', missing: 'none' },
    ...(continuousOnly ? [{ name: 'grade', kind: 'continuous', missing: 'none' } as ColumnSchema] : [{ name: 'grade', kind: 'ordinal', categories: ['low', 'mid', 'high'], missing: 'none' } as ColumnSchema]),
    { name: 'spend', kind: 'continuous', missing: missing > 0 ? 'indicator' : 'none' },
  ];
  const columns = [
    z1.map(Math.exp),
    continuousOnly ? z2.map((z) => 40 + 8 * z) : z2.map((z) => Math.round(40 + 8 * z)),
    continuousOnly ? z3.slice() : z3.map((z) => (z < -0.5 ? 0 : z < 0.8 ? 1 : 2)),
    z4.map((z) => (missing > 0 && rng.uniform() < missing ? NaN : 100 + 20 * z)),
  ];
  return { schema: { columns: schema }, rows: n, columns };
}

/** Two-sample Kolmogorov–Smirnov distance sup |F_a − F_b| over the observed (non-NaN) values. */
export function ksDistance(a: Float64Array, b: Float64Array): number {
  const sa = a.filter((v) => !Number.isNaN(v)).sort();
  const sb = b.filter((v) => !Number.isNaN(v)).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < sa.length && j < sb.length) {
    const x = Math.min(sa[i], sb[j]);
    while (i < sa.length && sa[i] === x) i++;
    while (j < sb.length && sb[j] === x) j++;
    d = Math.max(d, Math.abs(i / sa.length - j / sb.length));
  }
  return d;
}

/** The 99 % critical value of the two-sample KS distance, c(0.01)·√((n + m)/(n·m)), c = √(−ln(0.005)/2). */
export const ksCritical99 = (n: number, m: number): number => Math.sqrt(-Math.log(0.005) / 2) * Math.sqrt((n + m) / (n * m));

/** Pearson correlation of two equal-length arrays (NaN pairs skipped). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) (n++, (ma += a[i]), (mb += b[i]));
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Category frequencies of a code column. */
export function frequencies(codes: Float64Array, k: number): number[] {
  const f = new Array<number>(k).fill(0);
  for (const c of codes) f[c]++;
  return f.map((v) => v / codes.length);
}

/** Mean and standard error of the mean. */
export function meanSe(x: ArrayLike<number>): { mean: number; se: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return { mean: m, se: Math.sqrt(v / (x.length - 1) / x.length) };
}
