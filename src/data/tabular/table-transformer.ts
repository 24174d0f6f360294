// CTGAN's DataTransformer (Xu et al. 2019 §4.2; the ctgan package's data_transformer.py): numeric columns
// as [tanh α, softmax mode (, softmax missing)], discrete columns as a softmax one-hot, and back.
import { z } from 'zod';
import type { Rng } from '../../random/rng.js';
import { ModeNormalizer, fitModeNormalizer } from './mode-normalizer.js';
import type { DiscreteSpan, SpanInfo, TableTransformer } from './transform-types.js';
import { isNumericKind, type ColumnSchema, type TableSchema, type TypedTable } from './types.js';
import type { VgmOptions } from './bayesian-gmm.js';

/** How one column is laid out in the encoded row. */
type ColumnCodec =
  | { type: 'numeric'; offset: number; norm: ModeNormalizer; indicator: boolean; min: number; max: number }
  | { type: 'discrete'; offset: number; size: number };

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const columnSchemaZ = z.looseObject({
  name: z.string(),
  kind: z.enum(['continuous', 'integer', 'datetime', 'categorical', 'ordinal', 'boolean']),
  categories: z.array(z.string()).optional(),
  missing: z.enum(['none', 'category', 'indicator']),
  missingToken: z.string().optional(),
  min: finite.optional(),
  max: finite.optional(),
  format: z.looseObject({ decimals: z.number().int().min(0).optional(), datetime: z.string().optional() }).optional(),
});
const vgmZ = z.strictObject({
  concentrationA: z.array(finite), concentrationB: z.array(finite), meanPrecision: z.array(finite),
  means: z.array(finite), dof: z.array(finite), covariances: z.array(finite), weights: z.array(finite),
});
const transformerZ = z.strictObject({
  format: z.literal('genlab.table-transformer'),
  version: z.literal(1),
  schema: z.strictObject({ columns: z.array(columnSchemaZ).min(1) }),
  columns: z.array(z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('numeric'), vgm: vgmZ, active: z.array(z.number().int().min(0)).min(1), min: finite, max: finite }),
    z.strictObject({ type: z.literal('discrete') }),
  ])),
});

/** The saved form of a fitted transformer (`toJSON()`), validated by `tableTransformerFromJSON`. */
export type TableTransformerJSON = z.infer<typeof transformerZ>;

/** The fitted transformer: the shared contract plus each numeric column's normaliser and a typed JSON. */
export interface FittedTableTransformer extends TableTransformer {
  normalizer(column: number): ModeNormalizer | undefined;
  toJSON(): TableTransformerJSON;
}

const roundsOnOutput = (c: ColumnSchema) => c.kind === 'integer' || c.kind === 'datetime';

function argmax(data: Float32Array, from: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (data[from + j] > data[from + best]) best = j;
  return best;
}

/** A fitted CTGAN/TVAE table encoder; build one with `fitTableTransformer` or `tableTransformerFromJSON`. */
class ModeSpecificTransformer implements FittedTableTransformer {
  readonly dim: number;
  readonly spans: readonly SpanInfo[];
  readonly discreteSpans: readonly DiscreteSpan[];

  constructor(readonly schema: TableSchema, private readonly codecs: ColumnCodec[]) {
    const spans: SpanInfo[] = [];
    const discrete: DiscreteSpan[] = [];
    let offset = 0;
    codecs.forEach((c, column) => {
      if (c.offset !== offset) throw new Error(`internal: column ${column} at offset ${c.offset}, expected ${offset}`);
      if (c.type === 'numeric') {
        spans.push({ activation: 'tanh', dim: 1, column, role: 'value' }, { activation: 'softmax', dim: c.norm.modes, column, role: 'mode' });
        if (c.indicator) spans.push({ activation: 'softmax', dim: 2, column, role: 'missing' });
        offset += 1 + c.norm.modes + (c.indicator ? 2 : 0);
      } else {
        spans.push({ activation: 'softmax', dim: c.size, column, role: 'category' });
        discrete.push({ column, offset, size: c.size });
        offset += c.size;
      }
    });
    this.dim = offset;
    this.spans = spans;
    this.discreteSpans = discrete;
  }

  normalizer(column: number): ModeNormalizer | undefined {
    const c = this.codecs[column];
    return c?.type === 'numeric' ? c.norm : undefined;
  }

  transform(table: TypedTable, rng: Rng): Float32Array {
    checkTable(table, this.schema);
    const { rows } = table;
    const dim = this.dim;
    const out = new Float32Array(rows * dim); // [rows, dim]
    this.codecs.forEach((c, column) => {
      const col = this.schema.columns[column];
      const v = table.columns[column];
      if (c.type === 'discrete') {
        for (let i = 0; i < rows; i++) {
          const code = v[i];
          if (!Number.isInteger(code) || code < 0 || code >= c.size) {
            throw new Error(`Column '${col.name}' row ${i}: category code ${code} is not an integer in [0, ${c.size}) (the ${c.size} categories of its schema); a missing cell needs its own category (missing: 'category').`);
          }
          out[i * dim + c.offset + code] = 1;
        }
        return;
      }
      const scratch = new Float64Array(c.norm.modes);
      for (let i = 0; i < rows; i++) {
        const o = i * dim + c.offset;
        const x = v[i];
        if (Number.isNaN(x)) {
          if (!c.indicator) throw new Error(`Column '${col.name}' row ${i} is missing but its schema says missing: '${col.missing}'; use missing: 'indicator' for a numeric column with missing cells.`);
          // a missing cell: α = 0 in the likeliest mode, so the generator never has to invent a value for it
          out[o + 1 + c.norm.likeliestMode] = 1;
          out[o + 1 + c.norm.modes + 1] = 1;
          continue;
        }
        if (!Number.isFinite(x)) throw new Error(`Column '${col.name}' row ${i}: ${x} is not a finite number.`);
        const { alpha, mode } = c.norm.encode(x, rng, scratch);
        out[o] = alpha;
        out[o + 1 + mode] = 1;
        if (c.indicator) out[o + 1 + c.norm.modes] = 1;
      }
    });
    return out;
  }

  inverse(data: Float32Array, rows: number): TypedTable {
    if (data.length !== rows * this.dim) throw new Error(`inverse: ${data.length} values is not ${rows} rows × ${this.dim} (the encoded width).`);
    const dim = this.dim;
    const columns = this.codecs.map((c, column) => {
      const out = new Float64Array(rows);
      const col = this.schema.columns[column];
      for (let i = 0; i < rows; i++) {
        const o = i * dim + c.offset;
        if (c.type === 'discrete') {
          out[i] = argmax(data, o, c.size);
          continue;
        }
        if (c.indicator && data[o + 1 + c.norm.modes + 1] > data[o + 1 + c.norm.modes]) {
          out[i] = NaN;
          continue;
        }
        let x = c.norm.decode(data[o], argmax(data, o + 1, c.norm.modes));
        if (roundsOnOutput(col)) x = Math.round(x);
        out[i] = Math.min(c.max, Math.max(c.min, x));
      }
      return out;
    });
    return { schema: this.schema, rows, columns };
  }

  toJSON(): TableTransformerJSON {
    return {
      format: 'genlab.table-transformer',
      version: 1,
      schema: structuredClone(this.schema) as TableTransformerJSON['schema'],
      columns: this.codecs.map((c) => (c.type === 'numeric' ? { type: 'numeric' as const, ...structuredClone(c.norm.toJSON()), min: c.min, max: c.max } : { type: 'discrete' as const })),
    };
  }
}

function checkTable(table: TypedTable, schema: TableSchema): void {
  const want = schema.columns;
  const got = table.schema.columns;
  if (table.columns.length !== want.length || got.length !== want.length) {
    throw new Error(`The table has ${table.columns.length} columns, the transformer was fitted on ${want.length} (${want.map((c) => c.name).join(', ')}).`);
  }
  want.forEach((c, j) => {
    if (got[j].name !== c.name || got[j].kind !== c.kind) throw new Error(`Column ${j} is '${got[j].name}' (${got[j].kind}); the transformer expects '${c.name}' (${c.kind}).`);
    if (table.columns[j].length !== table.rows) throw new Error(`Column '${c.name}' has ${table.columns[j].length} values for ${table.rows} rows.`);
  });
}

function discreteSize(c: ColumnSchema): number {
  if (!c.categories || c.categories.length === 0) throw new Error(`Discrete column '${c.name}' (${c.kind}) has no categories in its schema; the reader lists them.`);
  return c.categories.length;
}

/**
 * Fits the transformer: a mode normaliser per numeric column (its present cells; a column forks its own
 * generator from `rng`), a one-hot per discrete column, spans in column order.
 */
export function fitTableTransformer(table: TypedTable, rng: Rng, opts: VgmOptions = {}): FittedTableTransformer {
  checkTable(table, table.schema);
  if (table.rows < 1) throw new Error('fitTableTransformer needs at least one row.');
  const codecs: ColumnCodec[] = [];
  let offset = 0;
  table.schema.columns.forEach((col, j) => {
    const colRng = rng.fork(`table-transformer:${col.name}`);
    if (!isNumericKind(col.kind)) {
      const size = discreteSize(col);
      codecs.push({ type: 'discrete', offset, size });
      offset += size;
      return;
    }
    const present = table.columns[j].filter((v) => !Number.isNaN(v));
    const indicator = col.missing === 'indicator';
    if (present.length < table.rows && !indicator) {
      throw new Error(`Numeric column '${col.name}' has ${table.rows - present.length} missing cells but missing: '${col.missing}'; declare missing: 'indicator'.`);
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of present) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const norm = fitModeNormalizer(present, colRng, opts);
    const min = col.min ?? (present.length ? lo : 0);
    const max = col.max ?? (present.length ? hi : 0);
    codecs.push({ type: 'numeric', offset, norm, indicator, min, max });
    offset += 1 + norm.modes + (indicator ? 2 : 0);
  });
  return new ModeSpecificTransformer(structuredClone(table.schema), codecs);
}

/** Restores a transformer from its `toJSON()` output; throws with the offending path on a malformed file. */
export function tableTransformerFromJSON(json: unknown): FittedTableTransformer {
  const parsed = transformerZ.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid table transformer JSON at ${issue.path.join('.') || '(root)'}: ${issue.message}.`);
  }
  const { columns } = parsed.data;
  // the input's own schema object, not zod's copy: key order and any field a newer reader adds survive
  const schema = structuredClone((json as { schema: TableSchema }).schema);
  if (columns.length !== schema.columns.length) throw new Error(`Invalid table transformer JSON: ${columns.length} column codecs for ${schema.columns.length} schema columns.`);
  const codecs: ColumnCodec[] = [];
  let offset = 0;
  columns.forEach((c, j) => {
    const col = schema.columns[j];
    if ((c.type === 'numeric') !== isNumericKind(col.kind)) throw new Error(`Invalid table transformer JSON: column '${col.name}' is ${col.kind} but its codec is ${c.type}.`);
    if (c.type === 'discrete') {
      const size = discreteSize(col);
      codecs.push({ type: 'discrete', offset, size });
      offset += size;
      return;
    }
    const norm = ModeNormalizer.fromJSON({ vgm: c.vgm, active: c.active });
    const indicator = col.missing === 'indicator';
    codecs.push({ type: 'numeric', offset, norm, indicator, min: c.min, max: c.max });
    offset += 1 + norm.modes + (indicator ? 2 : 0);
  });
  return new ModeSpecificTransformer(schema, codecs);
}
