// TypedTable → CSV text (RFC 4180 quoting) in the form it was read: integers as integers, continuous
// values with the input's decimals, datetimes in the input's format, categories by name, missing as its token.
import type { ColumnSchema, TypedTable } from './types.js';
import { isNumericKind } from './types.js';
import { compileDatetimeFormat, type DatetimeFormat } from './datetime-format.js';

/** Options for writeTable. */
export interface WriteTableOptions {
  delimiter?: string;
  /** Line ending; default '\n' (RFC 4180 names CRLF, which readers accept too). */
  eol?: '\n' | '\r\n';
}

/** Writes one cell of a column as text (no quoting). */
export type CellWriter = (v: number, row: number) => string;

/** The cell writer of a column: throws naming the column and row for a category code out of range. */
export function cellWriter(col: ColumnSchema): CellWriter {
  const missing = col.missingToken ?? '';
  if (!isNumericKind(col.kind)) {
    const cats = col.categories ?? [];
    return (v, row) => {
      if (!Number.isInteger(v) || v < 0 || v >= cats.length) {
        throw new Error(`Column '${col.name}', row ${row + 1}: category code ${v} is out of range; the column has ${cats.length} categories (codes 0..${cats.length - 1}).`);
      }
      return cats[v];
    };
  }
  if (col.kind === 'integer') return (v) => (Number.isNaN(v) ? missing : String(Math.round(v)));
  if (col.kind === 'datetime') {
    const f: DatetimeFormat = compileDatetimeFormat(col.format?.datetime ?? 'yyyy-MM-dd');
    return (v) => (Number.isNaN(v) ? missing : f.format(v));
  }
  const d = col.format?.decimals;
  // toFixed is exact up to 20 decimals and below 1e21; beyond, the shortest round-trip form
  if (d === undefined || d > 20) return (v) => (Number.isNaN(v) ? missing : String(v));
  return (v) => (Number.isNaN(v) ? missing : v.toFixed(d));
}

/** RFC 4180 quoting: a field holding the delimiter, a quote or a line break is quoted, inner quotes doubled. */
export function quoteField(s: string, delimiter = ','): string {
  return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a table as CSV with a header row; the text reads back (readTable) to the same TypedTable. */
export function writeTable(table: TypedTable, opts: WriteTableOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\n';
  const cols = table.schema.columns;
  if (table.columns.length !== cols.length) throw new Error(`writeTable: the table has ${table.columns.length} value columns but its schema lists ${cols.length}.`);
  table.columns.forEach((v, c) => {
    if (v.length !== table.rows) throw new Error(`writeTable: column '${cols[c].name}' has ${v.length} values, the table has ${table.rows} rows.`);
  });
  const writers = cols.map(cellWriter);
  const out: string[] = [cols.map((c) => quoteField(c.name, delimiter)).join(delimiter)];
  for (let r = 0; r < table.rows; r++) {
    let line = '';
    for (let c = 0; c < cols.length; c++) {
      if (c > 0) line += delimiter;
      line += quoteField(writers[c](table.columns[c][r], r), delimiter);
    }
    // a lone empty field would be a blank line, which readers skip
    out.push(line === '' ? '""' : line);
  }
  return out.join(eol) + eol;
}
