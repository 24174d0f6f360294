// Fuzzes the .npy reader (src/io/npy.ts, NumPy's format spec): header grammar variants and dtypes
// round-trip; broken headers, unsupported dtypes, overflowing or mismatched shapes fail fast with a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { npyToFloat64, parseNpy, writeNpy, type NpyArray } from '../../src/io/npy.js';
import { readFeatureFile } from '../../src/cli/commands/eval-features.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, editsArb, mutate, outcome, rejects, rssGrowthMiB } from './fuzz.js';

const cases = new CaseCounter();
const NPY_WHY = /^\.npy: /;

/** .npy bytes with a hand-written header text (padded to 64 bytes and ended by '\n', as NumPy does). */
function npyBytes(header: string, data: Uint8Array, version = 1): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const total = Math.ceil((8 + lenBytes + header.length + 1) / 64) * 64;
  const h = header.padEnd(total - 8 - lenBytes - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const v = new DataView(out.buffer);
  if (version === 1) v.setUint16(8, h.length, true);
  else v.setUint32(8, h.length, true);
  for (let i = 0; i < h.length; i++) out[8 + lenBytes + i] = h.charCodeAt(i);
  out.set(data, total);
  return out;
}

type Kind = '<f4' | '<f8' | '<i4' | '<i8' | '|u1';
const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 });
const arrayArb: fc.Arbitrary<{ dtype: Kind; shape: number[]; data: NpyArray['data'] }> = fc
  .record({ dtype: fc.constantFrom<Kind>('<f4', '<f8', '<i4', '<i8', '|u1'), shape: shapeArb })
  .chain(({ dtype, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const len = { minLength: n, maxLength: n };
    const data: fc.Arbitrary<NpyArray['data']> =
      dtype === '<f4' ? fc.array(fc.float(), len).map((a) => Float32Array.from(a)) :
      dtype === '<f8' ? fc.array(fc.double(), len).map((a) => Float64Array.from(a)) :
      dtype === '<i4' ? fc.array(fc.integer(), len).map((a) => Int32Array.from(a)) :
      dtype === '<i8' ? fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), len).map((a) => BigInt64Array.from(a)) :
      fc.uint8Array(len);
    return data.map((d) => ({ dtype, shape, data: d }));
  });

/** Header spellings NumPy (any version) or a hand-written file may use: quotes, spacing, key order, L suffixes, trailing commas. */
const styleArb = fc.record({
  q: fc.constantFrom("'", '"'),
  sp: fc.constantFrom('', ' ', '  '),
  order: fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]),
  long: fc.boolean(),
  trailing: fc.boolean(),
  version: fc.constantFrom(1, 2, 3),
});

type Style = { q: string; sp: string; order: readonly number[]; long: boolean; trailing: boolean; version: number };

function headerText(dtype: string, shape: number[], st: Style, fortran = false): string {
  const { q, sp } = st;
  const dims = shape.map((d) => `${d}${st.long ? 'L' : ''}`);
  const tuple = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(`,${sp}`)}${st.trailing && dims.length ? ',' : ''})`;
  const entries = [`${q}descr${q}:${sp}${q}${dtype}${q}`, `${q}fortran_order${q}:${sp}${fortran ? 'True' : 'False'}`, `${q}shape${q}:${sp}${tuple}`];
  return `{${st.order.map((k: number) => entries[k]).join(`,${sp}`)}${st.trailing ? ',' : ''}${sp}}`;
}

const same = (a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `element ${i}: ${a[i]} vs ${b[i]}`);
};

test('a header claiming 2⁴⁰ × 2⁴⁰ floats in a 128-byte file fails at once, without allocating', async () => {
  const st = { q: "'", sp: ' ', order: [0, 1, 2], long: false, trailing: false, version: 1 };
  for (const shape of [[2 ** 40, 2 ** 40], [2 ** 31, 3], [4294967296, 4294967296, 4294967296], [99999999999999999999]]) {
    const bytes = npyBytes(headerText('<f8', shape, st), new Uint8Array(8));
    const grew = await rssGrowthMiB(() => rejects(() => parseNpy(bytes), undefined, /^\.npy: truncated file: shape .* needs \d+ data bytes but only 8 are present/));
    assert.ok(grew < 20, `max RSS +${grew.toFixed(0)} MiB`);
    cases.add('overflowing shapes');
  }
});

test('writeNpy → parseNpy round-trips every dtype with extreme values (NaN, ±Inf, −0, subnormals, int64 extremes)', () => {
  cases.check('round-trip (writeNpy)', 200, fc.property(arrayArb, ({ dtype, shape, data }) => {
    const back = parseNpy(writeNpy(data, shape));
    assert.equal(back.dtype, dtype);
    assert.deepEqual(back.shape, shape);
    same(back.data, data);
    if (data instanceof BigInt64Array) {
      const exact = data.every((v) => v <= 2n ** 53n && v >= -(2n ** 53n));
      if (exact) same(npyToFloat64(back), Array.from(data, Number));
      else rejects(() => npyToFloat64(back), undefined, /not exactly representable as float64/);
    }
  }));
});

test('every header spelling NumPy accepts (quotes, spacing, key order, 3L, trailing commas, versions 1–3) parses the same', () => {
  cases.check('header grammar (valid)', 200, fc.property(arrayArb, styleArb, fc.boolean(), ({ dtype, shape, data }, st, fortran) => {
    const f = fortran && shape.filter((d) => d > 1).length <= 1; // column-major equals row-major then
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const back = parseNpy(npyBytes(headerText(dtype, shape, st, f), raw, st.version));
    assert.deepEqual(back.shape, shape);
    same(back.data, data);
  }));
});

const BAD_HEADERS: [string, RegExp][] = [
  ["{'descr': '<f4', 'fortran_order': False}", /keys/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", /malformed|keys/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (2,)}", /twice/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,,1)}", /shape/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}", /shape entries/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2.0,)}", /shape tuple|','/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (0x2,)}", /shape tuple|','/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2)}", /not a tuple/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': [2]}", /structured|expected/],
  ["{'descr': '<f4', 'fortran_order': false, 'shape': (2,)}", /expected a string/],
  ["{'descr': '<f4', 'fortran_order': 'False', 'shape': (2,)}", /fortran_order must be True or False/],
  ["{'descr': 4, 'fortran_order': False, 'shape': (2,)}", /expected a string/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': ('2',)}", /non-negative integers/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", /expected/],
  ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x", /after the closing brace/],
  ["{'descr: '<f4', 'fortran_order': False, 'shape': (2,)}", /malformed/],
  ["", /malformed/],
  ["{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", /structured/],
  ["{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3)}", /Fortran-order \(column-major\) arrays are not supported/],
];

test('malformed headers are refused naming what is wrong', () => {
  for (const [h, re] of BAD_HEADERS) {
    rejects(() => parseNpy(npyBytes(h, new Uint8Array(8))), undefined, re);
    cases.add('header grammar (invalid, listed)');
  }
});

const DTYPES = ['<f2', '>f4', '>f8', '>i4', '|b1', '<c8', '<c16', '|O', 'O', '<U10', '|S5', '<m8[ns]', '<M8[D]', '<u2', '<i2', '|i1', '<u8', 'f4', '=f4', '', 'float32', '<f16'];

test('unsupported dtypes are refused naming the dtype (and the conversion, where there is one)', () => {
  cases.check('dtypes', 100, fc.property(fc.constantFrom(...DTYPES), shapeArb, (descr, shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    rejects(() => parseNpy(npyBytes(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`, new Uint8Array(n * 8))), undefined, /dtype/);
  }));
});

test('shapes that do not match the data length are refused, whatever the difference', () => {
  const arb = fc.record({ shape: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }), extra: fc.integer({ min: -64, max: 64 }).filter((e) => e !== 0) });
  cases.check('shape vs data length', 200, fc.property(arb, styleArb, ({ shape, extra }, st) => {
    const n = shape.reduce((a, b) => a * b, 1) * 4 + extra;
    const bytes = npyBytes(headerText('<f4', shape, st), new Uint8Array(Math.max(0, n)), st.version);
    if (n < 0) return; // nothing to cut below an empty body
    rejects(() => parseNpy(bytes), undefined, extra > 0 ? /unexpected bytes after the array data/ : /truncated file/);
  }));
});

test('mutated .npy files fail with a .npy message or decode to data of the declared shape', () => {
  cases.check('mutations', 300, fc.property(arrayArb, editsArb, fc.boolean(), ({ data, shape }, edits, rank2) => {
    const bad = mutate(writeNpy(data, shape), edits, 80);
    outcome(() => parseNpy(bad, rank2 ? { rank: 2 } : {}), undefined, (arr) => {
      assert.equal(arr.data.length, arr.shape.reduce((a, b) => a * b, 1));
      if (rank2) assert.equal(arr.shape.length, 2);
    }, NPY_WHY);
  }));
});

test('random bytes are never an array', () => {
  const magic = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
  cases.check('random bytes', 200, fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (b, withMagic) => {
    const bytes = withMagic ? Uint8Array.from([...magic, ...b]) : b;
    outcome(() => parseNpy(bytes), undefined, (arr) => assert.equal(arr.data.length, arr.shape.reduce((a, c) => a * c, 1)), NPY_WHY);
  }));
});

test('the feature-file loader (eval features --real FILE) names the file in every error', () => {
  const dir = tempDir('genlab-fuzz-npy-');
  cases.check('feature files (path named)', 40, fc.property(arrayArb, editsArb, ({ data, shape }, edits) => {
    const file = path.join(dir, 'features.npy');
    writeFileSync(file, mutate(writeNpy(data, shape), edits, 80));
    outcome(() => readFeatureFile(file, '--real'), file, (f) => assert.equal(f.data.length, f.n * f.d));
  }));
});

test('report', (t) => cases.report(t, 'npy'));
