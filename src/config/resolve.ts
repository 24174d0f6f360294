// Config resolution in the nanoGPT configurator's order — schema defaults → base (a checkpoint's
// saved config) → preset → file → dotted overrides — validated strictly: a bad key is named.
import type { z } from 'zod';
import { child, leafKind, objectKeys } from './schema-walk.js';

/** A recursively partial config, as presets and files give it. */
export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Error for a bad config: the message names the key and what would be valid. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges `over` onto `base` (arrays and leaves replace). Returns a new object. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

function parseLeaf(path: string, text: string, schema: z.ZodType): unknown {
  const { kind, choices, element } = leafKind(schema);
  const num = (t: string): number => {
    const v = Number(t.trim());
    if (t.trim() === '' || !Number.isFinite(v)) throw new ConfigError(`Config key '${path}' expects a number, got "${t}".`);
    return v;
  };
  switch (kind) {
    case 'number':
      return num(text);
    case 'boolean':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw new ConfigError(`Config key '${path}' expects true or false, got "${text}".`);
    case 'enum':
      if (!choices!.includes(text)) {
        throw new ConfigError(`Config key '${path}' must be one of ${choices!.join(', ')}; got "${text}".`);
      }
      return text;
    case 'array':
      return text === '' ? [] : text.split(',').map((t) => (element === 'number' ? num(t) : t.trim()));
    default:
      return text;
  }
}

/** Turns `["model.latentDim=16", ...]` into a nested object, typed by the schema. */
export function parseOverrides(schema: z.ZodType, overrides: string[]): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const item of overrides) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ConfigError(`Override "${item}" must look like key.path=value (e.g. model.latentDim=16).`);
    const path = item.slice(0, eq).trim();
    const parts = path.split('.');
    let node: z.ZodType = schema;
    for (let i = 0; i < parts.length; i++) {
      const keys = objectKeys(node);
      const where = parts.slice(0, i).join('.') || '(top level)';
      if (!keys) throw new ConfigError(`Config key '${parts.slice(0, i).join('.')}' is a value, not a section; cannot set '${path}'.`);
      const next = child(node, parts[i]);
      if (!next) throw new ConfigError(`Unknown config key '${path}': '${parts[i]}' is not valid at ${where}. Valid keys there: ${keys.join(', ')}.`);
      node = next;
    }
    if (objectKeys(node)) throw new ConfigError(`Config key '${path}' is a section; set one of its keys: ${objectKeys(node)!.map((k) => `${path}.${k}`).join(', ')}.`);
    const value = parseLeaf(path, item.slice(eq + 1), node);
    const nested = parts.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value) as Record<string, unknown>;
    out = deepMerge(out, nested);
  }
  return out;
}

function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    let node: z.ZodType | undefined = schema;
    for (const p of issue.path) node = node && child(node, String(p));
    const valid = node ? objectKeys(node) ?? [] : [];
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `Unknown config key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}. Valid keys${path ? ` in '${path}'` : ''}: ${valid.join(', ')}.`;
  }
  return `Config key '${path || '(root)'}': ${issue.message}.`;
}

/** Validates a merged config object against its schema, filling defaults; throws ConfigError. */
export function validateConfig<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => describeIssue(schema, i)).join('\n'));
  return r.data;
}

/** The layers of a config, lowest first; each is deep-merged onto the ones below it. */
export interface ConfigLayers {
  /** Below the preset: a checkpoint's saved config (resume), or what an `--init` parent passes on. */
  base?: object;
  /** A preset's partial config (already looked up by name). */
  preset?: object;
  /** A config file's parsed JSON; it must be an object. */
  file?: unknown;
  /** Where `file` came from, for the error message. */
  fileName?: string;
  /** Dotted overrides, e.g. ["model.latentDim=16"]. */
  overrides?: string[];
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

/** Resolves defaults → base → preset → file → overrides into a validated config. */
export function resolveConfig<S extends z.ZodType>(schema: S, layers: ConfigLayers): z.output<S> {
  let merged: Record<string, unknown> = {};
  if (layers.base) merged = deepMerge(merged, layers.base as Record<string, unknown>);
  if (layers.preset) merged = deepMerge(merged, layers.preset as Record<string, unknown>);
  if (layers.file !== undefined) {
    if (!isPlainObject(layers.file)) {
      const name = layers.fileName ? ` ${layers.fileName}` : '';
      throw new ConfigError(`Config file${name} must hold a JSON object such as {"train": {"steps": 100}}; it holds ${kindOf(layers.file)}.`);
    }
    merged = deepMerge(merged, layers.file);
  }
  if (layers.overrides?.length) merged = deepMerge(merged, parseOverrides(schema, layers.overrides));
  return validateConfig(schema, merged);
}
