// Conditional sampling of tables by value: resolving `column=value` against the schema, and rejection
// sampling (SDV's `sample_from_conditions` fallback) for models without a native conditional input.
import type { TableSchema, TypedTable } from '../../data/tabular/types.js';
import { isNumericKind } from '../../data/tabular/types.js';

/** One resolved condition: a discrete column's index and the code of the requested category. */
export interface ResolvedCondition {
  column: number;
  code: number;
}

/** Resolves `{ column: category }` against a schema; unknown columns, numeric columns and unseen values throw naming the choices. */
export function resolveConditions(schema: TableSchema, condition: Record<string, string> | undefined): ResolvedCondition[] {
  if (!condition) return [];
  return Object.entries(condition).map(([name, value]) => {
    const column = schema.columns.findIndex((c) => c.name === name);
    if (column < 0) throw new Error(`Cannot condition on '${name}': the table has no such column; columns: ${schema.columns.map((c) => c.name).join(', ')}.`);
    const col = schema.columns[column];
    if (isNumericKind(col.kind)) throw new Error(`Cannot condition on '${name}': it is a ${col.kind} column; conditions name a category of a discrete column.`);
    const code = (col.categories ?? []).indexOf(value);
    if (code < 0) throw new Error(`Cannot condition on ${name}=${JSON.stringify(value)}: the training data's categories of '${name}' are ${(col.categories ?? []).map((c) => JSON.stringify(c)).join(', ')}.`);
    return { column, code };
  });
}

/** Rows of `table` meeting every condition. */
export function matchingRows(table: TypedTable, conds: readonly ResolvedCondition[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < table.rows; r++) if (conds.every((c) => table.columns[c.column][r] === c.code)) out.push(r);
  return out;
}

/** The rows `indices` of `table`, in that order. */
export function takeRows(table: TypedTable, indices: ArrayLike<number>): TypedTable {
  return { schema: table.schema, rows: indices.length, columns: table.columns.map((c) => Float64Array.from(indices, (i) => c[i])) };
}

/** Row-wise concatenation of tables of one schema. */
export function concatTables(parts: readonly TypedTable[], schema: TableSchema): TypedTable {
  const rows = parts.reduce((a, p) => a + p.rows, 0);
  const columns = schema.columns.map((_, c) => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const p of parts) {
      out.set(p.columns[c], at);
      at += p.rows;
    }
    return out;
  });
  return { schema, rows, columns };
}

/**
 * Draws n rows meeting `conds` by rejection: batches of `draw` until enough match. Refuses, naming the
 * acceptance rate, when `maxDraws` rows gave fewer than n (the condition is too rare for the model).
 */
export function rejectionSample(n: number, conds: readonly ResolvedCondition[], schema: TableSchema, draw: (k: number) => TypedTable, batch = 1000, maxDraws = 100 * Math.max(n, 1000)): TypedTable {
  if (conds.length === 0) return draw(n);
  const kept: TypedTable[] = [];
  let have = 0;
  let drawn = 0;
  while (have < n) {
    if (drawn >= maxDraws) {
      throw new Error(`Only ${have} of ${drawn} sampled rows met the condition (${(100 * have / drawn).toFixed(3)} %); ${n} were asked for. The model rarely generates it: ask for fewer rows, or use a model with native conditioning (ctgan).`);
    }
    const t = draw(batch);
    drawn += batch;
    const rows = matchingRows(t, conds).slice(0, n - have);
    if (rows.length) kept.push(takeRows(t, rows));
    have += rows.length;
  }
  return concatTables(kept, schema);
}
