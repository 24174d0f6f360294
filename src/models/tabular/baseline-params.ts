// The closed-form baselines' fitted parameters as one fixed-layout float vector, sized from the table's
// schema, so they are saved and loaded as an ordinary (frozen) weight: values split into float32 hi + lo
// parts (≈ 48 bits: datetimes in milliseconds survive), quantile tables padded to the maximum length.
import type { TableSchema } from '../../data/tabular/types.js';
import { isNumericKind } from '../../data/tabular/types.js';
import type { ColumnMarginal } from './marginals.js';
import { DEFAULT_QUANTILES } from './marginals.js';
import { copulaLatentLayout, type GaussianCopulaParams } from './gaussian-copula.js';
import type { IndependentColumnsParams } from './independent-columns.js';

/** Which baseline a vector holds. */
export type BaselineKind = 'independent-columns' | 'gaussian-copula';

/** Fitted parameters of either baseline. */
export type BaselineParams = IndependentColumnsParams | GaussianCopulaParams;

const numericWidth = () => 4 + 2 * DEFAULT_QUANTILES; // m, observed, missing, integer, quantiles hi + lo

/** Length of the parameter vector of `kind` for `schema`. */
export function baselineParamCount(kind: BaselineKind, schema: TableSchema): number {
  let n = 2; // fitted flag, rows
  for (const c of schema.columns) n += isNumericKind(c.kind) ? numericWidth() : (c.categories ?? []).length;
  if (kind === 'gaussian-copula') {
    const d = copulaLatentLayout(schema).length;
    n += 1 + 2 * d * d; // shrinkage, correlation hi + lo
  }
  return n;
}

class Writer {
  at = 0;
  constructor(readonly v: Float32Array) {}
  put(x: number): void {
    this.v[this.at++] = x;
  }
  /** x as hi + lo float32 parts. */
  putExact(x: number): void {
    const hi = Math.fround(x);
    this.put(hi);
    this.put(Math.fround(x - hi));
  }
}

class Reader {
  at = 0;
  constructor(readonly v: Float32Array) {}
  get(): number {
    return this.v[this.at++];
  }
  getExact(): number {
    const hi = this.get();
    return hi + this.get();
  }
}

/** Flattens fitted parameters into the vector layout of their schema. */
export function flattenBaseline(p: BaselineParams): Float32Array {
  const v = new Float32Array(baselineParamCount(p.kind, p.schema));
  const w = new Writer(v);
  w.put(1);
  w.put(p.rows);
  p.marginals.forEach((m) => {
    if (m.type === 'numeric') {
      if (m.quantiles.length > DEFAULT_QUANTILES) throw new Error(`A quantile table of ${m.quantiles.length} entries exceeds the layout's ${DEFAULT_QUANTILES}.`);
      w.put(m.quantiles.length);
      w.put(m.observed);
      w.put(m.missing);
      w.put(m.integer ? 1 : 0);
      const his = new Float32Array(DEFAULT_QUANTILES);
      const los = new Float32Array(DEFAULT_QUANTILES);
      m.quantiles.forEach((q, i) => {
        his[i] = Math.fround(q);
        los[i] = Math.fround(q - his[i]);
      });
      v.set(his, w.at);
      v.set(los, w.at + DEFAULT_QUANTILES);
      w.at += 2 * DEFAULT_QUANTILES;
    } else {
      m.counts.forEach((c) => w.put(c));
    }
  });
  if (p.kind === 'gaussian-copula') {
    w.put(p.shrinkage);
    p.correlation.forEach((r) => w.putExact(r));
  }
  return v;
}

/** Rebuilds parameters from a vector; null when the vector was never fitted (all zeros). */
export function unflattenBaseline(kind: BaselineKind, schema: TableSchema, v: Float32Array): BaselineParams | null {
  if (v.length !== baselineParamCount(kind, schema)) throw new Error(`The ${kind} parameter vector has ${v.length} values; the table's schema needs ${baselineParamCount(kind, schema)}.`);
  const r = new Reader(v);
  if (r.get() !== 1) return null;
  const rows = r.get();
  const marginals: ColumnMarginal[] = schema.columns.map((c) => {
    if (!isNumericKind(c.kind)) return { type: 'discrete', counts: Array.from({ length: (c.categories ?? []).length }, () => r.get()) };
    const m = r.get();
    const observed = r.get();
    const missing = r.get();
    const integer = r.get() === 1;
    const quantiles = Array.from({ length: m }, (_, i) => v[r.at + i] + v[r.at + DEFAULT_QUANTILES + i]);
    r.at += 2 * DEFAULT_QUANTILES;
    return { type: 'numeric', quantiles, observed, missing, integer };
  });
  if (kind === 'independent-columns') return { kind, schema, rows, marginals };
  const latent = copulaLatentLayout(schema);
  const shrinkage = r.get();
  const correlation = Array.from({ length: latent.length * latent.length }, () => r.getExact());
  return { kind, schema, rows, marginals, latent, correlation, shrinkage };
}
