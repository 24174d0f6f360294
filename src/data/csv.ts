// CSV tables with a header row (RFC 4180), typed per column — numeric vs categorical — as tabular
// generators such as CTGAN/TVAE (and SDGym's metadata) treat them.
import { csvHeader, splitCsvRecords, type CsvRecord } from './csv-records.js';

/** Cell values counted as missing by default (after trimming): '?' as in UCI Adult, and the empty string. */
export const DEFAULT_MISSING = ['?', ''];

/** A column whose every non-missing value is a finite decimal number; missing cells are NaN. */
export interface NumericColumn {
  name: string;
  type: 'numeric';
  values: Float64Array;
  /** How many cells were missing (NaN in `values`). */
  missing: number;
}

/** A column of trimmed strings; `codes[i]` indexes `categories` (sorted); missing tokens stay categories. */
export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  values: string[];
  categories: string[];
  codes: Int32Array;
  /** How many cells held a missing-value token (kept as their own category). */
  missing: number;
}

/** One typed column. */
export type CsvColumn = NumericColumn | CategoricalColumn;

/** A parsed table: typed columns of equal length `rows`. */
export interface CsvTable {
  source: string;
  rows: number;
  columns: CsvColumn[];
}

/** Options for parseCsv. */
export interface CsvOptions {
  /** Name used in error messages (e.g. the file path). */
  source?: string;
  /** Cell values (after trimming) that count as missing; default ['?', '']. */
  missing?: string[];
  delimiter?: string;
  /** Declared column types; undeclared columns are inferred (numeric when every present cell is a number). */
  types?: Record<string, 'numeric' | 'categorical'>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Spellings of non-finite numbers (numpy, pandas, R, Excel exports). */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** A number written with a comma: a decimal comma (de/fr/… locales: '1,5', '1.234,5') or thousands separators ('1,000'). */
const DECIMAL_COMMA = /^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+(,\d+)+(\.\d+)?$/;

/** Parses CSV text with a header row into typed columns; throws on empty input, ragged rows or duplicate headers. */
export function parseCsv(text: string, opts: CsvOptions = {}): CsvTable {
  const source = opts.source ?? 'CSV input';
  const missing = new Set(opts.missing ?? DEFAULT_MISSING);
  if (text.trim() === '') throw new Error(`${source} is empty; expected a header row followed by data rows.`);
  const rows: CsvRecord[] = splitCsvRecords(text, opts.delimiter ?? ',', source);
  const header = csvHeader(rows[0], source);
  const seen = new Set(header);
  for (const k of Object.keys(opts.types ?? {})) {
    if (!seen.has(k)) throw new Error(`${source}: declared column type for '${k}', but the header has no such column; columns: ${header.join(', ')}.`);
  }
  const n = rows.length - 1;
  if (n === 0) throw new Error(`${source} has a header row but no data rows.`);
  for (let r = 1; r <= n; r++) {
    const len = rows[r].fields.length;
    if (len !== header.length) {
      throw new Error(
        `${source}: row ${r} (line ${rows[r].line}) has ${len} fields, the header has ${header.length}; ` +
          `every row needs one value per column (quote values that contain the delimiter)` +
          (header.length === 1 && /[;\t]/.test(header[0]) ? `; the header is one field holding ${JSON.stringify(header[0].slice(0, 40))} — is the delimiter ${header[0].includes(';') ? "';'" : 'a tab'}?` : '.'),
      );
    }
  }
  const columns = header.map((name, c): CsvColumn => {
    const cells = new Array<string>(n);
    const declared = opts.types?.[name];
    let numeric = declared !== 'categorical';
    let missingCount = 0;
    // first cell that is a number but not a finite one (NaN, inf, 1e400): an error if the rest is numeric
    let nonFinite: { line: number; text: string } | null = null;
    let comma: { line: number; text: string } | null = null; // first decimal-comma number: an error if the rest is numeric
    for (let r = 0; r < n; r++) {
      const v = rows[r + 1].fields[c].trim();
      cells[r] = v;
      if (missing.has(v)) missingCount++;
      else if (numeric && NON_FINITE.test(v)) nonFinite ??= { line: rows[r + 1].line, text: v };
      else if (numeric && declared !== 'numeric' && DECIMAL_COMMA.test(v)) comma ??= { line: rows[r + 1].line, text: v };
      else if (numeric && !NUMBER.test(v)) {
        if (declared === 'numeric') {
          throw new Error(`${source}: line ${rows[r + 1].line}, column '${name}' is declared numeric but holds ${JSON.stringify(v)}; fix the cell, list it as a missing token, or declare the column categorical.`);
        }
        numeric = false;
      } else if (numeric && !Number.isFinite(Number(v))) nonFinite ??= { line: rows[r + 1].line, text: v };
    }
    if (numeric && comma) {
      throw new Error(
        `${source}: line ${comma.line}, column '${name}' holds ${JSON.stringify(comma.text)}, a number written with a comma ` +
          `(a decimal comma, or a thousands separator) in an otherwise numeric column; genlab reads plain numbers with '.' as the ` +
          `decimal mark — convert the file, or declare the column categorical.`,
      );
    }
    if (numeric && nonFinite) {
      throw new Error(
        `${source}: line ${nonFinite.line}, column '${name}' holds ${JSON.stringify(nonFinite.text)}, which is not a finite number ` +
          `(the column is otherwise numeric); fix the cell, list it as a missing token, or declare the column categorical.`,
      );
    }
    if (numeric && (missingCount < n || declared === 'numeric')) {
      const values = new Float64Array(n);
      for (let r = 0; r < n; r++) values[r] = missing.has(cells[r]) ? NaN : Number(cells[r]);
      return { name, type: 'numeric', values, missing: missingCount };
    }
    const categories = [...new Set(cells)].sort();
    const index = new Map(categories.map((k, i) => [k, i]));
    const codes = Int32Array.from(cells, (v) => index.get(v)!);
    return { name, type: 'categorical', values: cells, categories, codes, missing: missingCount };
  });
  return { source, rows: n, columns };
}

/** The column called `name`; throws listing the table's column names when absent. */
export function getColumn(table: CsvTable, name: string): CsvColumn {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new Error(`${table.source} has no column '${name}'; columns: ${table.columns.map((c) => c.name).join(', ')}.`);
  return col;
}
