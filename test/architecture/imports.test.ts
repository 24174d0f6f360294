// The house dependency rules, checked on the import statements of every .ts file under src/:
// low layers never reach up into models/train, the library core stays free of Node builtins, no cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCycles, importsOf, isNodeBuiltin, tsFiles, type ImportEdge } from './import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const files = tsFiles(root);
const edges = files.flatMap((f) => importsOf(root, f));
const show = (e: ImportEdge) => `${e.from}:${e.line} imports '${e.specifier}'${e.typeOnly ? ' (type only)' : ''}`;

/** Edges (type-only ones included: a type import still couples the layers) from files matching `from` to files matching `to`. */
function crossing(from: RegExp, to: RegExp): string[] {
  return edges.filter((e) => from.test(e.from) && e.to !== null && to.test(e.to)).map(show);
}

test('the import graph was read (sanity)', () => {
  assert.ok(files.length > 150, `${files.length} files`);
  assert.ok(edges.some((e) => e.from === 'src/registry.ts' && e.to === 'src/models/gan/spec.ts'));
  assert.deepEqual(edges.filter((e) => e.to?.endsWith('(unresolved)')).map(show), [], 'every relative import resolves to a file');
});

test('engine, metrics, data, nn and schedulers never import from models or train', () => {
  assert.deepEqual(crossing(/^src\/(engine|metrics|data|nn|schedulers)\//, /^src\/(models|train)\//), []);
});

test('engine imports nothing above it (only engine/ and random/)', () => {
  assert.deepEqual(crossing(/^src\/engine\//, /^src\/(?!engine\/|random\/)/), []);
});

test('models never import train, experiments, the registry, node or cli', () => {
  assert.deepEqual(crossing(/^src\/models\//, /^src\/(train|experiments|node|cli)\/|^src\/registry\.ts$/), []);
});

test('the library core (all but src/node and src/cli) imports no Node builtin and nothing from node/ or cli/', () => {
  const core = /^src\/(?!node\/|cli\/)/;
  assert.deepEqual(edges.filter((e) => core.test(e.from) && isNodeBuiltin(e.specifier)).map(show), []);
  assert.deepEqual(crossing(core, /^src\/(node|cli)\//), []);
});

test('no import cycles among src/ files (type-only imports excluded: they are erased at compile time)', () => {
  // with type-only edges there is one today: node/datasets.ts ⇄ node/vae-variant-data.ts (DataSpec types)
  const cycles = findCycles(files, edges.filter((e) => !e.typeOnly));
  assert.deepEqual(cycles.map((c) => c.join(' → ')), []);
});

test('the cycle search finds a planted cycle', () => {
  const e = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, typeOnly: false, line: 1 });
  const cycles = findCycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')]);
  assert.deepEqual(cycles, [['a', 'b', 'c', 'a']]);
  assert.deepEqual(findCycles(['a', 'b'], [e('a', 'b')]), []);
});
