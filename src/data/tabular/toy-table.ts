// A generated mixed-type table with known structure (a bimodal continuous column, a category and a
// boolean tied to its mode, an integer linear in it): the bundled table for tiny runs and tests.
import { Rng } from '../../random/rng.js';
import type { TableSchema, TypedTable } from './types.js';

/** The toy table's schema: x (continuous), group (a/b/c), count (integer), flag (boolean). */
export const TOY_TABLE_SCHEMA: TableSchema = {
  columns: [
    { name: 'x', kind: 'continuous', missing: 'none', format: { decimals: 4 } },
    { name: 'group', kind: 'categorical', categories: ['a', 'b', 'c'], missing: 'none' },
    { name: 'count', kind: 'integer', missing: 'none' },
    { name: 'flag', kind: 'boolean', categories: ['false', 'true'], missing: 'none' },
  ],
};

/**
 * n rows: a latent mode m ∈ {0, 1} (P(1) = 0.4); x ~ N(−2, 0.5²) or N(3, 1); group 'a' w.p. 0.8 in
 * mode 0, else 'b'/'c' (0.5/0.5 in mode 1); count = max(0, round(5 + 2x + N(0, 1))); flag = x > 0 w.p. 0.9.
 */
export function toyTable(n: number, seed: number): TypedTable {
  const rng = new Rng(seed);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const mode = rng.uniform() < 0.4 ? 1 : 0;
    const x = mode ? 3 + rng.normal() : -2 + 0.5 * rng.normal();
    const group = mode ? (rng.uniform() < 0.5 ? 1 : 2) : rng.uniform() < 0.8 ? 0 : 1 + rng.int(2);
    cols[0][i] = Math.round(x * 1e4) / 1e4;
    cols[1][i] = group;
    cols[2][i] = Math.max(0, Math.round(5 + 2 * x + rng.normal()));
    cols[3][i] = rng.uniform() < 0.9 ? (x > 0 ? 1 : 0) : x > 0 ? 0 : 1;
  }
  const schema = structuredClone(TOY_TABLE_SCHEMA);
  const range = (c: Float64Array) => ({ min: c.reduce((a, v) => Math.min(a, v), Infinity), max: c.reduce((a, v) => Math.max(a, v), -Infinity) });
  Object.assign(schema.columns[0], range(cols[0]));
  Object.assign(schema.columns[2], range(cols[2]));
  return { schema, rows: n, columns: cols };
}
