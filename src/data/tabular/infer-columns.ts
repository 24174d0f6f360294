// One column of cell text → its ColumnSchema and values: declared kinds checked cell by cell, the rest
// inferred as SDV's metadata detection does (integer, float, boolean, ISO datetime, else categorical).
import type { ColumnKind, ColumnSchema } from './types.js';
import { isNumericKind } from './types.js';
import { compileDatetimeFormat, detectIsoFormat, type DatetimeFormat } from './datetime-format.js';

/** A declared column: its kind, and for discrete kinds a fixed category order, datetime a format, continuous decimals. */
export interface ColumnDecl {
  kind: ColumnKind;
  categories?: string[];
  format?: string;
  decimals?: number;
}

/** The cells of one column (trimmed), the line each came from, and how to name it in errors. */
export interface ColumnCells {
  name: string;
  cells: string[];
  lines: ArrayLike<number>;
  source: string;
  /** Tokens that mean "missing", in priority order (the first of equally frequent ones names the column's missing cells). */
  missing: readonly string[];
}

/** A built column. */
export interface BuiltColumn {
  schema: ColumnSchema;
  values: Float64Array;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
/** Spellings of non-finite numbers (numpy, pandas, R, Excel exports). */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** A number written with a comma: a decimal comma ('1,5', '1.234,5') or thousands separators ('1,000'). */
const DECIMAL_COMMA = /^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+(,\d+)+(\.\d+)?$/;
const BOOLEAN_PAIRS = [['false', 'true'], ['no', 'yes'], ['f', 't'], ['n', 'y']];

/** Decimals a number literal used: digits after the point, less the exponent ('1.5e-3' → 4). */
export function decimalsOf(text: string): number {
  const m = NUMBER.exec(text);
  if (!m) return 0;
  const dot = m[1].indexOf('.');
  const after = dot < 0 ? 0 : m[1].length - dot - 1;
  const exp = m[2] ? Number(m[2].slice(1)) : 0;
  return Math.max(0, after - exp);
}

/** -0 becomes 0, so that a written "-0.0" reads back as the table it came from. */
const num = (text: string): number => Number(text) + 0;

const isSafeInteger = (text: string): boolean => INTEGER.test(text) && Number.isSafeInteger(Number(text));

function inferKind(c: ColumnCells, present: number[]): { kind: ColumnKind; format?: string } {
  if (present.length === 0) return { kind: 'categorical' };
  let integer = true;
  let numeric = true;
  let nonFinite = -1;
  let comma = -1;
  for (const r of present) {
    const v = c.cells[r];
    if (integer && isSafeInteger(v)) continue;
    integer = false;
    if (NON_FINITE.test(v)) nonFinite = nonFinite < 0 ? r : nonFinite;
    else if (DECIMAL_COMMA.test(v)) comma = comma < 0 ? r : comma;
    // an integer beyond 2^53 (an ID) would not read back exactly as a number: the column stays categorical
    else if (!NUMBER.test(v) || INTEGER.test(v) && !Number.isSafeInteger(Number(v))) {
      numeric = false;
      break;
    } else if (!Number.isFinite(Number(v))) nonFinite = nonFinite < 0 ? r : nonFinite;
  }
  if (integer) return { kind: 'integer' };
  if (numeric && comma >= 0) {
    throw new Error(
      `${c.source}: line ${c.lines[comma]}, column '${c.name}' holds ${JSON.stringify(c.cells[comma])}, a number written with a comma ` +
        `in an otherwise numeric column; genlab reads numbers with '.' as the decimal mark and no thousands separators — ` +
        `convert the file, or declare the column categorical.`,
    );
  }
  if (numeric && nonFinite >= 0) {
    throw new Error(
      `${c.source}: line ${c.lines[nonFinite]}, column '${c.name}' holds ${JSON.stringify(c.cells[nonFinite])}, which is not a finite number ` +
        `(the column is otherwise numeric); fix the cell, list it as a missing token, or declare the column categorical.`,
    );
  }
  if (numeric) return { kind: 'continuous' };
  const distinct = new Set(present.map((r) => c.cells[r]));
  if (distinct.size === 2) {
    const lower = [...new Set([...distinct].map((v) => v.toLowerCase()))].sort();
    if (lower.length === 2 && BOOLEAN_PAIRS.some(([a, b]) => lower[0] === a && lower[1] === b)) return { kind: 'boolean' };
  }
  const format = detectIsoFormat(c.cells[present[0]]);
  if (format !== undefined) {
    const f = compileDatetimeFormat(format);
    if (present.every((r) => f.parse(c.cells[r]) !== undefined)) return { kind: 'datetime', format };
  }
  return { kind: 'categorical' };
}

function declaredError(c: ColumnCells, r: number, kind: string, hint: string): Error {
  return new Error(`${c.source}: line ${c.lines[r]}, column '${c.name}' is declared ${kind} but holds ${JSON.stringify(c.cells[r])}; ${hint}`);
}

/** Builds one column from its cells; throws naming source, line and column for a cell its declared kind cannot hold. */
export function buildColumn(c: ColumnCells, decl?: ColumnDecl): BuiltColumn {
  const n = c.cells.length;
  const missingSet = new Set(c.missing);
  const present: number[] = [];
  const missingCounts = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const v = c.cells[r];
    if (missingSet.has(v)) missingCounts.set(v, (missingCounts.get(v) ?? 0) + 1);
    else present.push(r);
  }
  let missingToken: string | undefined;
  let best = 0;
  for (const t of c.missing) {
    const k = missingCounts.get(t) ?? 0;
    if (k > best) [missingToken, best] = [t, k];
  }
  const inferred = decl ? { kind: decl.kind, format: decl.format } : inferKind(c, present);
  const kind = inferred.kind;
  const values = new Float64Array(n);
  if (isNumericKind(kind)) {
    values.fill(NaN);
    let decimals = 0;
    let fmt: DatetimeFormat | undefined;
    if (kind === 'datetime') {
      // an all-missing column has no cell to detect a format from: ISO dates by default
      const pattern = inferred.format ?? (present.length > 0 ? detectIsoFormat(c.cells[present[0]]) : 'yyyy-MM-dd');
      if (pattern === undefined) {
        throw declaredError(c, present[0], 'datetime', `its first value is not an ISO-8601 date (YYYY-MM-DD, optionally with a time); declare the column with a "format", e.g. {"kind": "datetime", "format": "dd/MM/yyyy"}.`);
      }
      fmt = compileDatetimeFormat(pattern);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const r of present) {
      const v = c.cells[r];
      let x: number | undefined;
      if (kind === 'integer') {
        if (!isSafeInteger(v)) throw declaredError(c, r, 'integer', 'fix the cell, list it as a missing token, or declare the column continuous.');
        x = num(v);
      } else if (kind === 'continuous') {
        if (!NUMBER.test(v) || !Number.isFinite(Number(v))) throw declaredError(c, r, 'continuous', 'fix the cell, list it as a missing token, or declare the column categorical.');
        x = num(v);
        decimals = Math.max(decimals, decimalsOf(v));
      } else {
        x = fmt!.parse(v);
        if (x === undefined) throw declaredError(c, r, 'datetime', `it does not match the format ${fmt!.pattern} or is not a real date; fix the cell, list it as a missing token, or declare another "format".`);
      }
      values[r] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const schema: ColumnSchema = { name: c.name, kind, missing: present.length < n ? 'indicator' : 'none' };
    if (missingToken !== undefined) schema.missingToken = missingToken;
    if (present.length > 0) {
      schema.min = min;
      schema.max = max;
    }
    if (kind === 'continuous') {
      // inferred continuous has a non-integer literal; 0 decimals ('1e3', '5.') would read back as integer
      schema.format = { decimals: decl?.decimals ?? (decl ? decimals : Math.max(1, decimals)) };
    }
    if (fmt) schema.format = { datetime: fmt.pattern };
    return { schema, values };
  }
  let categories: string[];
  if (decl?.categories) {
    const allowed = new Set(decl.categories);
    for (const r of present) {
      if (!allowed.has(c.cells[r])) {
        throw new Error(
          `${c.source}: line ${c.lines[r]}, column '${c.name}' holds ${JSON.stringify(c.cells[r])}, which is not among its declared ${kind} categories ` +
            `(${decl.categories.map((k) => JSON.stringify(k)).join(', ')}); add it to "categories", or list it as a missing token.`,
        );
      }
    }
    categories = [...decl.categories, ...[...missingCounts.keys()].filter((t) => !allowed.has(t)).sort()];
  } else {
    categories = [...new Set(c.cells)].sort();
    if (kind === 'boolean' && categories.length - missingCounts.size > 2) {
      const shown = categories.filter((k) => !missingSet.has(k));
      throw new Error(
        `${c.source}: column '${c.name}' is declared boolean but holds ${shown.length} distinct values ` +
          `(${shown.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}${shown.length > 5 ? ', …' : ''}); a boolean column has two — declare it categorical.`,
      );
    }
  }
  const index = new Map(categories.map((k, i) => [k, i]));
  for (let r = 0; r < n; r++) values[r] = index.get(c.cells[r])!;
  const schema: ColumnSchema = { name: c.name, kind, categories, missing: missingCounts.size > 0 ? 'category' : 'none' };
  if (missingToken !== undefined) schema.missingToken = missingToken;
  return { schema, values };
}

/**
 * The reader of one cell against a fixed column schema (a model's saved schema): a category by name, a
 * number or a datetime in the schema's format, the missing token as NaN; undefined when the cell does not fit.
 */
export function cellParser(col: ColumnSchema): (text: string) => number | undefined {
  if (!isNumericKind(col.kind)) {
    const index = new Map((col.categories ?? []).map((k, i) => [k, i]));
    return (text) => index.get(text);
  }
  const missing = col.missingToken;
  if (col.kind === 'integer') return (text) => (text === missing ? NaN : isSafeInteger(text) ? num(text) : undefined);
  if (col.kind === 'continuous') return (text) => (text === missing ? NaN : NUMBER.test(text) && Number.isFinite(Number(text)) ? num(text) : undefined);
  const f = compileDatetimeFormat(col.format?.datetime ?? 'yyyy-MM-dd');
  return (text) => (text === missing ? NaN : f.parse(text));
}
