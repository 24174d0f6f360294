// CSV (RFC 4180, header row) → TypedTable, with declared (a strict `columns` spec) or inferred column
// kinds, as SDV's single-table metadata; `readTableFile` picks CSV, TSV or ARFF by the file's extension.
import { z } from 'zod';
import { csvHeader, splitCsvRecords, type CsvRecord } from '../csv-records.js';
import type { ColumnKind, ColumnSchema, TableSchema, TypedTable } from './types.js';
import { isNumericKind } from './types.js';
import { buildColumn, cellParser, type ColumnDecl } from './infer-columns.js';
import { compileDatetimeFormat } from './datetime-format.js';
import { readArff } from './arff.js';

/** Cell values (after trimming) counted as missing by default: '?' as in UCI Adult, and the empty cell. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['?', ''];

const KINDS = ['continuous', 'integer', 'datetime', 'categorical', 'ordinal', 'boolean'] as const;
const DISCRETE = new Set<ColumnKind>(['categorical', 'ordinal', 'boolean']);

const declSchema = z
  .strictObject({
    kind: z.enum(KINDS),
    categories: z.array(z.string()).min(1).optional(),
    format: z.string().min(1).optional(),
    decimals: z.number().int().min(0).max(20).optional(),
  })
  .superRefine((d, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (d.kind === 'ordinal' && !d.categories) bad('an ordinal column needs "categories" in their order');
    if (d.categories && !DISCRETE.has(d.kind)) bad(`"categories" only applies to categorical, ordinal or boolean columns, not ${d.kind}`);
    if (d.categories && new Set(d.categories).size !== d.categories.length) bad('"categories" lists a value twice');
    if (d.kind === 'boolean' && d.categories && d.categories.length !== 2) bad('a boolean column has exactly two "categories"');
    if (d.format !== undefined && d.kind !== 'datetime') bad(`"format" only applies to datetime columns, not ${d.kind}`);
    if (d.decimals !== undefined && d.kind !== 'continuous') bad(`"decimals" only applies to continuous columns, not ${d.kind}`);
    if (d.format !== undefined) {
      try {
        compileDatetimeFormat(d.format);
      } catch (e) {
        bad((e as Error).message.replace(/\.$/, ''));
      }
    }
  });

/** The `columns` spec: column name → a kind, or `{kind, categories?, format?, decimals?}` (a bare kind is `{kind}`). */
export const columnsSpecSchema = z.record(
  z.string(),
  z.preprocess((v) => (typeof v === 'string' ? { kind: v } : v), declSchema),
);

/** A columns spec as written in JSON (`--columns SPEC.json`). */
export type ColumnsSpec = Record<string, ColumnKind | ColumnDecl>;

/** Validates a columns spec strictly; throws one line per problem, each naming the column and key. */
export function parseColumnsSpec(spec: unknown, source = 'columns spec'): Record<string, ColumnDecl> {
  const r = columnsSpecSchema.safeParse(spec);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const [col, ...rest] = i.path.map(String);
      const where = col === undefined ? '(root)' : `column '${col}'${rest.length > 0 ? ` (${rest.join('.')})` : ''}`;
      return `${source}: ${where}: ${i.message}.`;
    });
    throw new Error(lines.join('\n'));
  }
  return r.data as Record<string, ColumnDecl>;
}

/** A columns spec that reads a table back with `schema`'s kinds, category orders, formats and decimals. */
export function columnsSpecOf(schema: TableSchema): Record<string, ColumnDecl> {
  const out: Record<string, ColumnDecl> = {};
  for (const c of schema.columns) {
    const d: ColumnDecl = { kind: c.kind };
    // the missing category stays in its place: declared categories keep their order, missing cells map to it
    if (!isNumericKind(c.kind)) d.categories = [...c.categories!];
    if (c.kind === 'datetime' && c.format?.datetime) d.format = c.format.datetime;
    if (c.kind === 'continuous' && c.format?.decimals !== undefined) d.decimals = c.format.decimals;
    out[c.name] = d;
  }
  return out;
}

/** Options for readTable. */
export interface ReadTableOptions {
  /** Name used in error messages (e.g. the file path). */
  source?: string;
  delimiter?: string;
  /** Cell values (after trimming) that count as missing; default ['?', '']. */
  missing?: readonly string[];
  /** Declared columns (see ColumnsSpec); undeclared columns are inferred. */
  columns?: unknown;
  /** Where `columns` came from, for its error messages. */
  columnsSource?: string;
  /**
   * Read against a fixed schema (a model's `table-schema.json`): the header must name the same columns,
   * every cell must fit its column (categories within the saved set), and the result keeps `schema` as is.
   */
  schema?: TableSchema;
}

/** Reads CSV text with a header row into a TypedTable; throws naming source, line and column. */
export function readTable(text: string, opts: ReadTableOptions = {}): TypedTable {
  const source = opts.source ?? 'CSV input';
  if (text.trim() === '') throw new Error(`${source} is empty; expected a header row followed by data rows.`);
  const records = splitCsvRecords(text, opts.delimiter ?? ',', source);
  const header = csvHeader(records[0], source);
  if (opts.schema && opts.columns !== undefined) throw new Error(`${source}: give a columns spec or a saved schema, not both; the schema already fixes every column.`);
  const decls = opts.columns === undefined ? {} : parseColumnsSpec(opts.columns, opts.columnsSource);
  const unknown = Object.keys(decls).filter((k) => !header.includes(k));
  if (unknown.length > 0) {
    throw new Error(
      `${opts.columnsSource ?? 'columns spec'} declares ${unknown.map((k) => `'${k}'`).join(', ')}, which ${source}'s header does not have; ` +
        `its columns are: ${header.join(', ')}.`,
    );
  }
  const rows = records.length - 1;
  if (rows === 0) throw new Error(`${source} has a header row but no data rows.`);
  const cells = header.map(() => new Array<string>(rows));
  const lines = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const rec = records[r + 1];
    if (rec.fields.length !== header.length) {
      throw new Error(
        `${source}: line ${rec.line} has ${rec.fields.length} fields, the header has ${header.length}; ` +
          `every row needs one value per column (quote values that contain the delimiter).`,
      );
    }
    lines[r] = rec.line;
    for (let c = 0; c < header.length; c++) cells[c][r] = rec.fields[c].trim();
  }
  const missing = opts.missing ?? DEFAULT_MISSING_TOKENS;
  if (opts.schema) return withSchema(opts.schema, header, cells, lines, source, missing);
  const built = header.map((name, c) => buildColumn({ name, cells: cells[c], lines, source, missing }, decls[name]));
  return { schema: { columns: built.map((b) => b.schema) }, rows, columns: built.map((b) => b.values) };
}

function withSchema(schema: TableSchema, header: string[], cells: string[][], lines: Int32Array, source: string, missing: readonly string[]): TypedTable {
  const names = schema.columns.map((c) => c.name);
  if (names.length !== header.length || names.some((n, i) => n !== header[i])) {
    throw new Error(`${source}: the header (${header.join(', ')}) does not match the schema's columns (${names.join(', ')}); the columns must be the same, in the same order.`);
  }
  const missingSet = new Set(missing);
  const rows = lines.length;
  const columns = schema.columns.map((col, c) => {
    const numeric = isNumericKind(col.kind);
    const parse = cellParser(col);
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const v = cells[c][r];
      const x = numeric && missingSet.has(v) ? NaN : parse(v);
      if (x === undefined) {
        const expected = numeric ? `${col.kind === 'datetime' ? `a datetime as ${col.format?.datetime ?? 'yyyy-MM-dd'}` : `a${col.kind === 'integer' ? 'n integer' : ' number'}`} or a missing token` : `one of its categories (${col.categories!.slice(0, 8).map((k) => JSON.stringify(k)).join(', ')}${col.categories!.length > 8 ? ', …' : ''})`;
        throw new Error(`${source}: line ${lines[r]}, column '${col.name}' holds ${JSON.stringify(v)}; the schema's ${col.kind} column expects ${expected}.`);
      }
      values[r] = x;
    }
    return values;
  });
  return { schema, rows, columns };
}

/** Options for readTableFile: readTable's, with the delimiter chosen by the extension. */
export type ReadTableFileOptions = Omit<ReadTableOptions, 'source' | 'delimiter'>;

/** Reads a table file's text by its name's extension: .csv (comma), .tsv/.tab (tab) or .arff (Weka). */
export function readTableFile(text: string, name: string, opts: ReadTableFileOptions = {}): TypedTable {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return readTable(text, { ...opts, source: name });
  if (ext === 'tsv' || ext === 'tab') return readTable(text, { ...opts, source: name, delimiter: '\t' });
  if (ext === 'arff') {
    if (opts.columns !== undefined || opts.missing !== undefined) {
      throw new Error(`${name}: an ARFF file declares its own attribute types and '?' for missing; --columns and missing tokens apply to CSV files only.`);
    }
    const t = readArff(text, name);
    if (opts.schema) return conformArff(t, opts.schema, name);
    return t;
  }
  throw new Error(`${name}: unknown table file extension ${ext ? `'.${ext}'` : '(none)'}; genlab reads .csv, .tsv/.tab and .arff tables.`);
}

/** An ARFF table re-coded against a saved schema (same columns; categories looked up by name). */
function conformArff(t: TypedTable, schema: TableSchema, source: string): TypedTable {
  const names = schema.columns.map((c) => c.name);
  const have = t.schema.columns.map((c) => c.name);
  if (names.length !== have.length || names.some((n, i) => n !== have[i])) {
    throw new Error(`${source}: the attributes (${have.join(', ')}) do not match the schema's columns (${names.join(', ')}); the columns must be the same, in the same order.`);
  }
  const columns = schema.columns.map((col: ColumnSchema, c) => {
    const from = t.schema.columns[c];
    if (isNumericKind(col.kind) !== isNumericKind(from.kind) || (col.kind === 'datetime') !== (from.kind === 'datetime')) {
      throw new Error(`${source}: attribute '${col.name}' is ${from.kind}, but the schema's column is ${col.kind}.`);
    }
    if (isNumericKind(col.kind)) return t.columns[c];
    const recode = from.categories!.map((k) => col.categories!.indexOf(k));
    return t.columns[c].map((code, r) => {
      if (recode[code] < 0) throw new Error(`${source}: data row ${r + 1}, attribute '${col.name}' holds ${JSON.stringify(from.categories![code])}, which is not among the schema's categories.`);
      return recode[code];
    });
  });
  return { schema, rows: t.rows, columns };
}
