// The typed-table contract shared by the tabular readers/writers, transforms, models and metrics
// (SDV's metadata: sdtype per column; CTGAN/TVAE read continuous vs discrete from it).

/**
 * How a column is modelled and written back: continuous (any float, written with the real data's
 * decimals), integer (rounded on output), datetime (milliseconds since the epoch, written in the real
 * data's format), and the discrete kinds — categorical (unordered), ordinal (ordered `categories`),
 * boolean (two categories).
 */
export type ColumnKind = 'continuous' | 'integer' | 'datetime' | 'categorical' | 'ordinal' | 'boolean';

/** Numeric kinds hold numbers in `values`; discrete kinds hold category codes. */
export const NUMERIC_KINDS: readonly ColumnKind[] = ['continuous', 'integer', 'datetime'];

/** Whether a column of this kind is modelled as numbers (the rest are category codes). */
export const isNumericKind = (k: ColumnKind): boolean => NUMERIC_KINDS.includes(k);

/**
 * Missing values: 'category' — kept as a category of their own (discrete columns; the token in
 * `missingToken` names it); 'indicator' — a numeric column's NaN cells, modelled by an extra 0/1
 * indicator and written back as `missingToken`; 'none' — the column has no missing cell.
 */
export type MissingPolicy = 'none' | 'category' | 'indicator';

/** One column's schema, saved with the model (`table-schema.json`) so samples come back in the same form. */
export interface ColumnSchema {
  name: string;
  kind: ColumnKind;
  /** Discrete kinds: the category names, codes index into it (ordinal: in their order; others: sorted). */
  categories?: string[];
  missing: MissingPolicy;
  /** The cell text that meant "missing" in the input (written back for missing cells), e.g. '?' or ''. */
  missingToken?: string;
  /** Numeric kinds: the range seen in the training data (samples are clipped to it). */
  min?: number;
  max?: number;
  /** Continuous: decimals to write (the most the input used); datetime: the input's format (see datetime-format.ts). */
  format?: { decimals?: number; datetime?: string };
}

/** A table's schema: its columns in file order. */
export interface TableSchema {
  columns: ColumnSchema[];
}

/**
 * A table in memory, column-major: numeric kinds as numbers (NaN = missing), discrete kinds as the
 * index into `categories` (stored as a number). Every column has `rows` entries.
 */
export interface TypedTable {
  schema: TableSchema;
  rows: number;
  columns: Float64Array[];
}
