// Test helper: the import graph of src/ — every .ts file's static imports, re-exports and dynamic
// import() calls with literal specifiers, resolved to files, each marked type-only or not.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

/** One import of one file. */
export interface ImportEdge {
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The resolved file (repo-relative, e.g. src/engine/tf.ts), or null for packages and builtins. */
  to: string | null;
  /** `import type` / `export type` / every named binding marked `type`: erased at compile time. */
  typeOnly: boolean;
  line: number;
}

/** All .ts files under `dir` (repo-relative, sorted). */
export function tsFiles(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(path.join(root, d), { withFileTypes: true })) {
      const p = path.posix.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function resolveSpecifier(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.posix.join(base, 'index.ts')];
  for (const c of candidates) if (existsSync(path.join(root, c)) && statSync(path.join(root, c)).isFile()) return c;
  return `${base} (unresolved)`;
}

// `import … from '…'`, `export … from '…'`, side-effect `import '…'` (comments stripped first)
const STATIC = /^[ \t]*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^[ \t]*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

// Blanks out comments (keeping line breaks, so line numbers stay right), stepping over string literals.
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (two === '//') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function allNamedAreTypes(clause: string): boolean {
  const m = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!m) return false;
  const names = m[1].split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** The imports of one file. */
export function importsOf(root: string, file: string): ImportEdge[] {
  const text = stripComments(readFileSync(path.join(root, file), 'utf8'));
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  const out: ImportEdge[] = [];
  for (const m of text.matchAll(STATIC)) {
    const specifier = m[4] ?? m[5];
    const typeOnly = Boolean(m[2]) || (m[3] !== undefined && allNamedAreTypes(m[3]));
    out.push({ from: file, specifier, to: resolveSpecifier(root, file, specifier), typeOnly, line: lineAt(m.index!) });
  }
  for (const m of text.matchAll(DYNAMIC)) out.push({ from: file, specifier: m[1], to: resolveSpecifier(root, file, m[1]), typeOnly: false, line: lineAt(m.index!) });
  return out;
}

/** Whether a specifier names a Node builtin (`node:fs`, `fs`, `fs/promises`, …). */
export function isNodeBuiltin(spec: string): boolean {
  if (spec.startsWith('node:')) return true;
  return builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
}

/** Elementary cycles found by a DFS over `edges` (one cycle per back edge), each as a file list that starts and ends with the same file. */
export function findCycles(files: string[], edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) if (e.to && next.has(e.to)) next.get(e.from)!.push(e.to);
  const state = new Map<string, 0 | 1 | 2>(); // 0/undefined new, 1 on the stack, 2 done
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    stack.push(f);
    for (const t of next.get(f)!) {
      if (state.get(t) === 1) cycles.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.get(t)) visit(t);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of files) if (!state.get(f)) visit(f);
  return cycles;
}
