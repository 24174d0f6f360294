// Introspection of zod (v4) config schemas: unwraps defaults/optionals so that dotted overrides,
// CLI help and the studio's forms can read a key's type, choices and default from one source.
import type { z } from 'zod';

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
  entries?: Record<string, string>;
  element?: AnySchema;
  defaultValue?: unknown;
}

function def(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips default/prefault/optional/nullable wrappers, returning the inner schema. */
export function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(d.type) && d.innerType) cur = d.innerType;
    else return cur;
  }
}

/** The keys of an object schema, or null if the schema is not an object. */
export function objectKeys(s: AnySchema): string[] | null {
  const d = def(unwrap(s));
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : null;
}

/** The child schema at `key` of an object schema. */
export function child(s: AnySchema, key: string): AnySchema | undefined {
  const d = def(unwrap(s));
  return d.type === 'object' && d.shape ? d.shape[key] : undefined;
}

/** A leaf's kind for parsing text values: 'number' | 'boolean' | 'string' | 'enum' | 'array' | other. */
export function leafKind(s: AnySchema): { kind: string; choices?: string[]; element?: string } {
  const d = def(unwrap(s));
  if (d.type === 'enum') return { kind: 'enum', choices: Object.values(d.entries ?? {}) };
  if (d.type === 'array') return { kind: 'array', element: d.element ? def(unwrap(d.element)).type : 'unknown' };
  return { kind: d.type };
}

/** Lists every dotted leaf path of an object schema (for help texts and error messages). */
export function leafPaths(s: AnySchema, prefix = ''): string[] {
  const keys = objectKeys(s);
  if (!keys) return [prefix];
  return keys.flatMap((k) => leafPaths(child(s, k)!, prefix ? `${prefix}.${k}` : k));
}

/** A key's description (`.describe()`), read from the key's schema or, failing that, from inside its wrappers. */
export function describeOf(s: AnySchema): string | undefined {
  let cur: AnySchema | undefined = s;
  while (cur) {
    if (cur.description) return cur.description;
    const d = def(cur);
    cur = ['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(d.type) ? d.innerType : undefined;
  }
  return undefined;
}

/** Every dotted leaf path of an object schema with its description (CLI help, studio forms). */
export function leafDescriptions(s: AnySchema, prefix = ''): { path: string; description: string | undefined }[] {
  const keys = objectKeys(s);
  if (!keys) return [{ path: prefix, description: describeOf(s) }];
  return keys.flatMap((k) => leafDescriptions(child(s, k)!, prefix ? `${prefix}.${k}` : k));
}
