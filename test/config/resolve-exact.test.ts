// Config resolution's exact behaviour on a small schema of every leaf kind: how each override text parses,
// how layers merge (objects deep, arrays and leaves replace), and every error message word for word —
// a user reads these messages, and a mutant that changes one must fail a test (issue 23).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError, deepMerge, parseOverrides, resolveConfig, validateConfig } from '../../src/config/resolve.js';

const schema = z.strictObject({
  name: z.string().default('x'),
  flag: z.boolean().default(false),
  mode: z.enum(['fast', 'slow']).default('fast'),
  sizes: z.array(z.number()).default([1]),
  tags: z.array(z.string()).default([]),
  train: z.strictObject({ steps: z.number().int().positive().default(10), lr: z.number().default(0.1) }).prefault({}),
});

const fails = (fn: () => unknown, message: string) =>
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof ConfigError, `${e.name}: ${e.message}`);
    assert.equal(e.name, 'ConfigError');
    assert.equal(e.message, message);
    return true;
  });

test('override texts parse by the leaf kind: booleans, numbers, enums, number and string lists, strings', () => {
  assert.deepEqual(parseOverrides(schema, ['flag=true']), { flag: true });
  assert.deepEqual(parseOverrides(schema, ['flag=1']), { flag: true });
  assert.deepEqual(parseOverrides(schema, ['flag=false']), { flag: false });
  assert.deepEqual(parseOverrides(schema, ['flag=0']), { flag: false });
  fails(() => parseOverrides(schema, ['flag=yes']), `Config key 'flag' expects true or false, got "yes".`);
  fails(() => parseOverrides(schema, ['flag=']), `Config key 'flag' expects true or false, got "".`);
  assert.deepEqual(parseOverrides(schema, ['train.lr= 0.5 ']), { train: { lr: 0.5 } });
  fails(() => parseOverrides(schema, ['train.lr=']), `Config key 'train.lr' expects a number, got "".`);
  fails(() => parseOverrides(schema, ['train.lr=  ']), `Config key 'train.lr' expects a number, got "  ".`);
  fails(() => parseOverrides(schema, ['train.lr=1e400']), `Config key 'train.lr' expects a number, got "1e400".`);
  fails(() => parseOverrides(schema, ['train.lr=abc']), `Config key 'train.lr' expects a number, got "abc".`);
  assert.deepEqual(parseOverrides(schema, ['mode=slow']), { mode: 'slow' });
  fails(() => parseOverrides(schema, ['mode=medium']), `Config key 'mode' must be one of fast, slow; got "medium".`);
  assert.deepEqual(parseOverrides(schema, ['sizes=3, 4,5']), { sizes: [3, 4, 5] });
  assert.deepEqual(parseOverrides(schema, ['sizes=']), { sizes: [] });
  fails(() => parseOverrides(schema, ['sizes=3,,5']), `Config key 'sizes' expects a number, got "".`);
  assert.deepEqual(parseOverrides(schema, ['tags= a , b']), { tags: ['a', 'b'] });
  assert.deepEqual(parseOverrides(schema, ['tags=']), { tags: [] });
  assert.deepEqual(parseOverrides(schema, ['name= spaced = yes ']), { name: ' spaced = yes ' }, 'a string keeps its text after the first =');
  assert.deepEqual(parseOverrides(schema, [' train.steps =7']), { train: { steps: 7 } }, 'the key is trimmed');
});

test('overrides merge in order and build nested objects', () => {
  assert.deepEqual(parseOverrides(schema, ['train.steps=5', 'train.lr=0.2', 'train.steps=6', 'mode=slow']), { train: { steps: 6, lr: 0.2 }, mode: 'slow' });
  assert.deepEqual(parseOverrides(schema, []), {});
});

test('malformed overrides and wrong paths are named exactly', () => {
  fails(() => parseOverrides(schema, ['steps']), 'Override "steps" must look like key.path=value (e.g. model.latentDim=16).');
  fails(() => parseOverrides(schema, ['=3']), 'Override "=3" must look like key.path=value (e.g. model.latentDim=16).');
  fails(() => parseOverrides(schema, ['nope=3']), `Unknown config key 'nope': 'nope' is not valid at (top level). Valid keys there: name, flag, mode, sizes, tags, train.`);
  fails(() => parseOverrides(schema, ['train.nope=3']), `Unknown config key 'train.nope': 'nope' is not valid at train. Valid keys there: steps, lr.`);
  fails(() => parseOverrides(schema, ['train.lr.x=3']), `Config key 'train.lr' is a value, not a section; cannot set 'train.lr.x'.`);
  fails(() => parseOverrides(schema, ['train=3']), `Config key 'train' is a section; set one of its keys: train.steps, train.lr.`);
});

test('deepMerge merges objects key by key, and arrays and leaves replace (without touching its inputs)', () => {
  const base = { a: { b: 1, c: [1, 2] }, d: 1, e: { f: 1 } };
  const over = { a: { c: [3] }, d: { x: 1 }, e: 2 };
  assert.deepEqual(deepMerge(base, over), { a: { b: 1, c: [3] }, d: { x: 1 }, e: 2 });
  assert.deepEqual(base, { a: { b: 1, c: [1, 2] }, d: 1, e: { f: 1 } });
  assert.deepEqual(deepMerge({ a: [1] }, { a: { b: 1 } }), { a: { b: 1 } }, 'an object replaces an array');
  assert.deepEqual(deepMerge({ a: { b: 1 } }, { a: [2] }), { a: [2] }, 'an array replaces an object');
  assert.deepEqual(deepMerge({ a: null }, { a: { b: 1 } }), { a: { b: 1 } });
  assert.deepEqual(deepMerge({ a: { b: 1 } }, { a: null }), { a: null });
});

test('layers apply base → preset → file → overrides, each over the one below', () => {
  const all = resolveConfig(schema, {
    base: { name: 'base', mode: 'slow', train: { steps: 1, lr: 1 } },
    preset: { name: 'preset', train: { steps: 2 } },
    file: { train: { steps: 3 }, tags: ['f'] },
    overrides: ['train.steps=4'],
  });
  assert.deepEqual(all, { name: 'preset', flag: false, mode: 'slow', sizes: [1], tags: ['f'], train: { steps: 4, lr: 1 } });
  assert.deepEqual(resolveConfig(schema, { base: { name: 'b' } }).name, 'b');
  assert.deepEqual(resolveConfig(schema, {}), { name: 'x', flag: false, mode: 'fast', sizes: [1], tags: [], train: { steps: 10, lr: 0.1 } });
});

test('a config file that is not an object says what it holds, with and without its name', () => {
  fails(() => resolveConfig(schema, { file: [1], fileName: 'c.json' }), 'Config file c.json must hold a JSON object such as {"train": {"steps": 100}}; it holds an array.');
  fails(() => resolveConfig(schema, { file: null, fileName: 'c.json' }), 'Config file c.json must hold a JSON object such as {"train": {"steps": 100}}; it holds null.');
  fails(() => resolveConfig(schema, { file: 3 }), 'Config file must hold a JSON object such as {"train": {"steps": 100}}; it holds a number.');
  fails(() => resolveConfig(schema, { file: 'x' }), 'Config file must hold a JSON object such as {"train": {"steps": 100}}; it holds a string.');
});

test('validation errors name one or several unknown keys, and each bad value with its path', () => {
  fails(() => validateConfig(schema, { nope: 1 }), `Unknown config key 'nope'. Valid keys: name, flag, mode, sizes, tags, train.`);
  fails(() => validateConfig(schema, { nope: 1, nada: 2 }), `Unknown config keys 'nope', 'nada'. Valid keys: name, flag, mode, sizes, tags, train.`);
  fails(() => validateConfig(schema, { train: { x: 1 } }), `Unknown config key 'train.x'. Valid keys in 'train': steps, lr.`);
  fails(() => validateConfig(schema, { train: { steps: 0 }, flag: 'no' }), `Config key 'flag': Invalid input: expected boolean, received string.\nConfig key 'train.steps': Too small: expected number to be >0.`);
  fails(() => validateConfig(z.number(), 'x'), `Config key '(root)': Invalid input: expected number, received string.`);
});
