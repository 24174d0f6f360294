// The independent-columns baseline (SDGym's "independent" ColumnSynthesizer): each column sampled from
// its own empirical marginal, so any pair trend a deep model scores above it was learnt, not copied.
import { z } from 'zod';
import type { TableSchema, TypedTable } from '../../data/tabular/types.js';
import type { Rng } from '../../random/rng.js';
import { checkMarginals, fitMarginals, marginalJson, parseOrThrow, sampleMarginal, tableSchemaJson, DEFAULT_QUANTILES, type ColumnMarginal } from './marginals.js';

/** A fitted independent-columns model, plain data (its JSON is itself). */
export interface IndependentColumnsParams {
  kind: 'independent-columns';
  schema: TableSchema;
  /** Training rows. */
  rows: number;
  marginals: ColumnMarginal[];
}

/** Fits every column's marginal (quantile table or category counts). */
export function fitIndependentColumns(table: TypedTable, opts: { maxQuantiles?: number } = {}): IndependentColumnsParams {
  return { kind: 'independent-columns', schema: table.schema, rows: table.rows, marginals: fitMarginals(table, opts.maxQuantiles ?? DEFAULT_QUANTILES) };
}

/** n rows, each cell drawn independently from its column's marginal (columns drawn one after another). */
export function sampleIndependentColumns(p: IndependentColumnsParams, n: number, rng: Rng): TypedTable {
  if (!Number.isInteger(n) || n < 0) throw new Error(`The number of rows to sample must be a non-negative integer, got ${n}.`);
  return { schema: p.schema, rows: n, columns: p.marginals.map((m) => sampleMarginal(m, n, rng)) };
}

const paramsJson = z.object({
  kind: z.literal('independent-columns'),
  schema: tableSchemaJson,
  rows: z.number().int().min(1),
  marginals: z.array(marginalJson),
});

/** The model as JSON-safe data (saved with a run). */
export function independentColumnsToJSON(p: IndependentColumnsParams): unknown {
  return { kind: p.kind, schema: p.schema, rows: p.rows, marginals: p.marginals };
}

/** Reads a saved model back, checking that its marginals fit its schema. */
export function independentColumnsFromJSON(json: unknown): IndependentColumnsParams {
  const p = parseOrThrow(paramsJson, json, 'independent-columns model') as IndependentColumnsParams;
  const why = checkMarginals(p.schema, p.marginals, p.rows);
  if (why) throw new Error(`Invalid independent-columns model: ${why}.`);
  return p;
}
