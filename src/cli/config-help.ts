// A model's config keys for `genlab train MODEL --help`, read from the JSON Schema that zod 4 derives
// from the spec's schema (z.toJSONSchema): dotted key, type, default and description.
import { z } from 'zod';
import type { ModelSpec } from '../models/types.js';
import { DEFAULTS_PRESET, presetForDataKind, type PresetChoice } from '../registry.js';

/** One leaf of a config: `model.latentDim`, `integer > 0`, `32`, and its `.describe()` text ('' if none). */
export interface ConfigKeyRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** The JSON Schema of a config (for editors: `config.schema.json` in each run directory). */
export function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function bounds(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  else if (s.minimum !== undefined && s.minimum > -SAFE) parts.push(`≥ ${s.minimum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
  else if (s.maximum !== undefined && s.maximum < SAFE) parts.push(`≤ ${s.maximum}`);
  return parts.length ? ` ${parts.join(', ')}` : '';
}

/** A short type: `integer > 0`, `mlp|conv`, `(integer > 0)[]`, `[number, number]`, `string|boolean`. */
export function typeText(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeText).join('|');
  if (s.prefixItems) return `[${s.prefixItems.map(typeText).join(', ')}]`;
  if (s.type === 'array') {
    const item = s.items ? typeText(s.items) : 'any';
    return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
  }
  const t = Array.isArray(s.type) ? s.type.join('|') : (s.type ?? 'any');
  return t + bounds(s);
}

/** Every leaf key of a config schema with its type, default and description. */
export function configKeyRows(schema: z.ZodType): ConfigKeyRow[] {
  const rows: ConfigKeyRow[] = [];
  const walk = (s: JsonSchema, prefix: string) => {
    if (s.type === 'object' && s.properties) {
      for (const [k, v] of Object.entries(s.properties)) walk(v, prefix ? `${prefix}.${k}` : k);
      return;
    }
    rows.push({ key: prefix, type: typeText(s), default: s.default === undefined ? '' : JSON.stringify(s.default), description: s.description ?? '' });
  };
  walk(configJsonSchema(schema) as JsonSchema, '');
  return rows;
}

/** The rows as aligned text columns (key, type, default, description), with a heading. */
export function formatConfigKeys(modelId: string, rows: ConfigKeyRow[]): string {
  const head: ConfigKeyRow = { key: 'key', type: 'type', default: 'default', description: 'description' };
  const all = [head, ...rows.map((r) => ({ ...r, default: r.default || '—' }))];
  const w = (f: keyof ConfigKeyRow) => Math.max(...all.map((r) => r[f].length));
  const [wk, wt, wd] = [w('key'), w('type'), w('default')];
  const lines = all.map((r) => `  ${r.key.padEnd(wk)}  ${r.type.padEnd(wt)}  ${r.default.padEnd(wd)}  ${r.description}`.trimEnd());
  return `\nConfig keys of "${modelId}" (set with --set KEY=VALUE, a --config file or a preset):\n${lines.join('\n')}\n`;
}

/** The presets a model gets by its data's kind, one line per kind it trains on (for `genlab train MODEL --help`). */
export function formatKindPresets(spec: ModelSpec): string {
  const lines = spec.capabilities.data.map((kind) => {
    const name = presetForDataKind(spec, kind);
    return `  ${kind.padEnd(8)}  ${name ? `--preset ${name}` : 'the defaults above'}`;
  });
  return `\nWith no --preset, "${spec.id}" trains with the preset for its dataset's kind (--preset ${DEFAULTS_PRESET}: the defaults alone;\nkeys of a --config file or --set still win; --resume keeps the saved config):\n${lines.join('\n')}\n`;
}

/** One line saying which preset a run took by its data's kind (nothing when the user named one or none applies). */
export function kindPresetNote(spec: ModelSpec, dataName: string, preset: PresetChoice | undefined): string {
  if (preset?.by !== 'data-kind') return '';
  return `genlab: ${spec.id} on ${dataName} (${preset.kind} data) uses the preset "${preset.name}", the default for ${preset.kind} data (--preset NAME for another, --preset ${DEFAULTS_PRESET} for none).\n`;
}
