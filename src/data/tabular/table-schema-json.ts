// The TableSchema as JSON (`table-schema.json`, saved with a tabular model) with a strict zod schema,
// and rows ↔ TypedTable helpers for models' sampleTable and for tables built in code.
import { z } from 'zod';
import type { ColumnSchema, TableSchema, TypedTable } from './types.js';
import { isNumericKind } from './types.js';
import { compileDatetimeFormat } from './datetime-format.js';
import { cellParser } from './infer-columns.js';
import { cellWriter } from './write-table.js';

/** Version of the `table-schema.json` layout. */
export const TABLE_SCHEMA_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

/** One column, strictly (unknown keys are errors). */
export const columnSchemaSchema = z
  .strictObject({
    name: z.string().min(1),
    kind: z.enum(['continuous', 'integer', 'datetime', 'categorical', 'ordinal', 'boolean']),
    categories: z.array(z.string()).min(1).optional(),
    missing: z.enum(['none', 'category', 'indicator']),
    missingToken: z.string().optional(),
    min: finite.optional(),
    max: finite.optional(),
    format: z.strictObject({ decimals: z.number().int().min(0).max(100).optional(), datetime: z.string().min(1).optional() }).optional(),
  })
  .superRefine((c, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    const numeric = isNumericKind(c.kind);
    if (numeric && c.categories) bad(`a ${c.kind} column has no "categories"`);
    if (!numeric && !c.categories) bad(`a ${c.kind} column needs "categories"`);
    if (c.categories && new Set(c.categories).size !== c.categories.length) bad('"categories" lists a value twice');
    if (c.missing === 'category' && (numeric || c.missingToken === undefined || !c.categories?.includes(c.missingToken))) {
      bad('missing "category" needs a discrete column whose "categories" include its "missingToken"');
    }
    if (c.missing === 'indicator' && !numeric) bad('missing "indicator" applies to numeric kinds only');
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) bad('"min" is above "max"');
    if ((c.min !== undefined || c.max !== undefined) && !numeric) bad(`a ${c.kind} column has no "min"/"max"`);
    if (c.format?.decimals !== undefined && c.kind !== 'continuous') bad('"format.decimals" applies to continuous columns only');
    if (c.format?.datetime !== undefined) {
      if (c.kind !== 'datetime') bad('"format.datetime" applies to datetime columns only');
      try {
        compileDatetimeFormat(c.format.datetime);
      } catch (e) {
        bad((e as Error).message.replace(/\.$/, ''));
      }
    }
    if (c.kind === 'datetime' && c.format?.datetime === undefined) bad('a datetime column needs "format.datetime"');
  });

/** `table-schema.json`: the version and the columns in file order (names unique). */
export const tableSchemaJSONSchema = z
  .strictObject({ version: z.literal(TABLE_SCHEMA_VERSION), columns: z.array(columnSchemaSchema).min(1) })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const c of t.columns) {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', message: `column name '${c.name}' appears twice` });
      seen.add(c.name);
    }
  });

/** The JSON form of a TableSchema. */
export type TableSchemaJSON = { version: typeof TABLE_SCHEMA_VERSION } & TableSchema;

/** A TableSchema as plain JSON data (deep copy, with its version). */
export function schemaToJSON(schema: TableSchema): TableSchemaJSON {
  return { version: TABLE_SCHEMA_VERSION, columns: JSON.parse(JSON.stringify(schema.columns)) as ColumnSchema[] };
}

/** Reads `table-schema.json` data back; throws one line per problem, naming the key path. */
export function schemaFromJSON(json: unknown, source = 'table-schema.json'): TableSchema {
  const r = tableSchemaJSONSchema.safeParse(json);
  if (!r.success) {
    throw new Error(r.error.issues.map((i) => `${source}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}.`).join('\n'));
  }
  return { columns: r.data.columns as ColumnSchema[] };
}

/** One cell of `tableRows`/`tableFromRows`: a category name, a number, a formatted string, or null (missing). */
export type Cell = string | number | null;

/**
 * Builds a table from row-major cells: discrete columns take a category name (a number is its code),
 * numeric ones a number or its text in the column's format; null is missing (the missing category of a
 * discrete column, NaN for a numeric one). Throws naming the row and column of a cell that does not fit.
 */
export function tableFromRows(schema: TableSchema, rows: readonly (readonly Cell[])[]): TypedTable {
  const cols = schema.columns;
  const columns = cols.map(() => new Float64Array(rows.length));
  const parsers = cols.map(cellParser);
  rows.forEach((row, r) => {
    if (row.length !== cols.length) throw new Error(`tableFromRows: row ${r + 1} has ${row.length} cells, the schema has ${cols.length} columns.`);
    cols.forEach((col, c) => {
      const cell = row[c];
      const numeric = isNumericKind(col.kind);
      let x: number | undefined;
      if (cell === null) x = numeric ? NaN : col.missing === 'category' ? col.categories!.indexOf(col.missingToken!) : undefined;
      else if (typeof cell === 'number') x = numeric ? cell : Number.isInteger(cell) && cell >= 0 && cell < col.categories!.length ? cell : undefined;
      else x = parsers[c](cell);
      if (x === undefined || (typeof cell === 'number' && numeric && !Number.isFinite(cell))) {
        const want = numeric ? `a finite number, its text${col.kind === 'datetime' ? ` as ${col.format?.datetime}` : ''}, or null` : `one of its categories or a code 0..${col.categories!.length - 1}${col.missing === 'category' ? ', or null' : ''}`;
        throw new Error(`tableFromRows: row ${r + 1}, column '${col.name}' holds ${JSON.stringify(cell)}; the ${col.kind} column expects ${want}.`);
      }
      columns[c][r] = x;
    });
  });
  return { schema, rows: rows.length, columns };
}

/** Options for tableRows. */
export interface TableRowsOptions {
  /** Every cell as the text writeTable would write (numbers rounded/fixed, datetimes formatted, missing as its token). */
  formatted?: boolean;
}

/** A table as row-major cells: category names, numbers (datetimes in ms), null for a missing number. */
export function tableRows(table: TypedTable, opts: TableRowsOptions = {}): Cell[][] {
  const cols = table.schema.columns;
  const writers = cols.map(cellWriter);
  const out: Cell[][] = [];
  for (let r = 0; r < table.rows; r++) {
    const row: Cell[] = new Array(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const v = table.columns[c][r];
      if (opts.formatted) row[c] = writers[c](v, r);
      else if (isNumericKind(cols[c].kind)) row[c] = Number.isNaN(v) ? null : v;
      else row[c] = writers[c](v, r);
    }
    out.push(row);
  }
  return out;
}
