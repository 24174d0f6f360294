// Loads the tabular-metrics fixture (tables as JSON columns, null = missing) into TypedTables.
import { readFileSync } from 'node:fs';
import type { ColumnSchema, TypedTable } from '../../../src/data/tabular/types.js';

/** Expected numbers for one table pair, as make_tabular_metrics.py writes them (null = NaN). */
export interface ExpectedQuality {
  shapes: (number | null)[];
  pairs: { metric: string; score: number | null; realCorrelation: number | null; syntheticCorrelation: number | null; realAssociation: number | null; meets: boolean }[];
  columnShapes: number;
  columnPairTrends: number | null;
  quality: number;
}

export interface FixtureCase {
  seed: number;
  schema: ColumnSchema[];
  real: TypedTable;
  synthetic: TypedTable;
  holdout: TypedTable;
  expected: Record<'real-edges' | 'per-table', { all: ExpectedQuality; thresholded: ExpectedQuality }>;
  dcr: { synthetic: number[]; holdout: number[]; syntheticP5: number; syntheticMedian: number; holdoutP5: number; holdoutMedian: number; exactCopyRate: number };
}

/** Builds a TypedTable from column arrays (null → NaN). */
export function table(schema: ColumnSchema[], cols: (number | null)[][]): TypedTable {
  return { schema: { columns: schema }, rows: cols[0].length, columns: cols.map((c) => Float64Array.from(c, (v) => (v === null ? NaN : v))) };
}

/** The committed fixture cases. */
export function loadCases(): FixtureCase[] {
  const url = new URL('../../fixtures/tabular-metrics/tabular-metrics.json', import.meta.url);
  const raw = JSON.parse(readFileSync(url, 'utf8')) as { cases: (Omit<FixtureCase, 'real' | 'synthetic' | 'holdout'> & Record<'real' | 'synthetic' | 'holdout', (number | null)[][]>)[] };
  return raw.cases.map((c) => ({ ...c, real: table(c.schema, c.real), synthetic: table(c.schema, c.synthetic), holdout: table(c.schema, c.holdout) }));
}

/** null → NaN. */
export const num = (v: number | null): number => (v === null ? NaN : v);
