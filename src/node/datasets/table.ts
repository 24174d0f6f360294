// The dataset table: every name `data.name` accepts → its kind, description, options schema and
// loader. A new dataset kind is one file under src/node/datasets/ plus one line here.
import type { z } from 'zod';
import type { DatasetEntry } from '../../data/dataset-entry.js';
import { fashionMnist, images, mnist } from './image-sets.js';
import { pairedImages, unpairedImages } from './image-pairs.js';
import { toy2d, shapes } from './generated.js';
import { bow, text } from './text-corpora.js';
import { csv, tabular } from './tables.js';
import { audio } from './audio-clips.js';
import { sequences } from './interaction-logs.js';
import { table, toyTableData } from './typed-tables.js';

/** Every dataset, in listing order. */
export const DATASETS: readonly DatasetEntry[] = [
  mnist, fashionMnist, ...toy2d, text, csv, shapes, bow, images, pairedImages, unpairedImages, tabular, audio, sequences, table, toyTableData,
];

/** Every dataset name loadDataset accepts. */
export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The table row called `name`; an unknown name throws listing the names, with the closest as a suggestion. */
export function getDatasetEntry(name: string): DatasetEntry {
  const entry = DATASETS.find((d) => d.name === name);
  if (entry) return entry;
  const close = DATASET_NAMES.filter((n) => editDistance(n, String(name)) <= 2);
  const hint = close.length ? ` Did you mean '${close[0]}'?` : '';
  throw new Error(`Unknown dataset '${name}'; valid names: ${DATASET_NAMES.join(', ')}.${hint}`);
}

/** Validates `options` (undefined values dropped) against the entry's schema: unknown options and bad values throw naming both. */
export function parseDataOptions(entry: DatasetEntry, options: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(entry.options.shape);
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  for (const k of Object.keys(given)) {
    if (!keys.includes(k)) throw new Error(`Dataset '${entry.name}' does not take the option '${k}'; its options are: ${keys.join(', ')}.`);
  }
  const r = entry.options.safeParse(given);
  if (r.success) return r.data as Record<string, unknown>;
  const issue = r.error.issues[0];
  const key = issue.path.map(String).join('.');
  const top = String(issue.path[0] ?? '');
  const why = issue.message.startsWith('must') ? issue.message : `has an invalid value (${issue.message})`;
  throw new Error(`Dataset '${entry.name}': option ${key} ${why}, got ${JSON.stringify(given[top])}.`);
}

/** One option of a dataset as `genlab list --datasets` shows it. */
export interface DatasetOptionRow {
  name: string;
  type: string;
  default?: unknown;
  description: string;
}

/** One dataset as `genlab list --datasets` shows it. */
export interface DatasetRow {
  name: string;
  kind: string;
  description: string;
  options: DatasetOptionRow[];
}

type Def = { type: string; innerType?: z.ZodType; defaultValue?: unknown; entries?: Record<string, string>; values?: unknown[];
  options?: z.ZodType[]; items?: z.ZodType[]; element?: z.ZodType; valueType?: z.ZodType; checks?: { _zod: { def: { check: string; format?: string } } }[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A short type name for a zod schema: integer, number, 'a'|'b', string[], [integer, integer], … */
function typeName(s: z.ZodType): string {
  const d = defOf(s);
  switch (d.type) {
    case 'default': case 'optional': case 'prefault': return typeName(d.innerType!);
    case 'number': return d.checks?.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number';
    case 'enum': return Object.values(d.entries ?? {}).map((v) => `'${v}'`).join('|');
    case 'literal': return (d.values ?? []).map((v) => JSON.stringify(v)).join('|');
    case 'union': return (d.options ?? []).map(typeName).join(' | ');
    case 'tuple': return `[${(d.items ?? []).map(typeName).join(', ')}]`;
    case 'array': return `${typeName(d.element!)}[]`;
    case 'record': return `{ column: ${typeName(d.valueType!)} }`;
    case 'custom': return 'object';
    default: return d.type;
  }
}

/** The table as rows: each dataset's kind, description and options (type, default, description from its schema). */
export function datasetRows(): DatasetRow[] {
  return DATASETS.map((e) => ({
    name: e.name,
    kind: e.kind,
    description: e.description,
    options: Object.entries(e.options.shape as Record<string, z.ZodType>).map(([name, s]) => {
      const d = defOf(s);
      const row: DatasetOptionRow = { name, type: typeName(s), description: s.description ?? '' };
      if (d.type === 'default') row.default = d.defaultValue;
      return row;
    }),
  }));
}
