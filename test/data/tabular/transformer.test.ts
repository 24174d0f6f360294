import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitTableTransformer, tableTransformerFromJSON } from '../../../src/data/tabular/table-transformer.js';
import { fitModeNormalizer, STD_MULTIPLIER } from '../../../src/data/tabular/mode-normalizer.js';
import type { TableSchema, TypedTable } from '../../../src/data/tabular/types.js';
import { Rng } from '../../../src/random/rng.js';
import { values } from './vgm-fixture.js';

const argmax = (a: Float32Array, from: number, n: number) => {
  let b = 0;
  for (let j = 1; j < n; j++) if (a[from + j] > a[from + b]) b = j;
  return b;
};

/** A hand-built table: every column kind, missing cells in one numeric column. */
function makeTable(rows: number, seed: number): TypedTable {
  const rng = new Rng(seed);
  const ages = values('age');
  const x = new Float64Array(rows);
  const age = new Float64Array(rows);
  const t = new Float64Array(rows);
  const c = new Float64Array(rows);
  const b = new Float64Array(rows);
  const o = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const m = rng.uniform();
    x[i] = m < 0.1 ? NaN : m < 0.4 ? -3 + 0.5 * rng.normal() : m < 0.75 ? 1 + rng.normal() : 250 + 3 * rng.normal();
    age[i] = ages[rng.int(ages.length)];
    // epoch milliseconds around 2020, whole seconds
    t[i] = 1.5778368e12 + 1000 * Math.round(86400 * 365 * rng.uniform() ** 2);
    c[i] = rng.int(4);
    b[i] = rng.uniform() < 0.3 ? 1 : 0;
    o[i] = Math.min(2, Math.floor(3 * rng.uniform() ** 2));
  }
  const schema: TableSchema = {
    columns: [
      { name: 'x', kind: 'continuous', missing: 'indicator', missingToken: '?', format: { decimals: 6 } },
      { name: 'age', kind: 'integer', missing: 'none', min: 17, max: 90 },
      { name: 't', kind: 'datetime', missing: 'none', format: { datetime: 'iso' } },
      { name: 'c', kind: 'categorical', missing: 'category', missingToken: '?', categories: ['?', 'a', 'b', 'c'] },
      { name: 'b', kind: 'boolean', missing: 'none', categories: ['false', 'true'] },
      { name: 'o', kind: 'ordinal', missing: 'none', categories: ['low', 'mid', 'high'] },
    ],
  };
  return { schema, rows, columns: [x, age, t, c, b, o] };
}

test('spans follow column order: tanh value, softmax modes, the missing pair, then one-hots', () => {
  const table = makeTable(3000, 1);
  const tt = fitTableTransformer(table, new Rng(2));
  const mx = tt.normalizer(0)!.modes;
  const ma = tt.normalizer(1)!.modes;
  const mt = tt.normalizer(2)!.modes;
  assert.equal(tt.normalizer(3), undefined);
  assert.deepEqual(tt.spans, [
    { activation: 'tanh', dim: 1, column: 0, role: 'value' }, { activation: 'softmax', dim: mx, column: 0, role: 'mode' },
    { activation: 'softmax', dim: 2, column: 0, role: 'missing' },
    { activation: 'tanh', dim: 1, column: 1, role: 'value' }, { activation: 'softmax', dim: ma, column: 1, role: 'mode' },
    { activation: 'tanh', dim: 1, column: 2, role: 'value' }, { activation: 'softmax', dim: mt, column: 2, role: 'mode' },
    { activation: 'softmax', dim: 4, column: 3, role: 'category' }, { activation: 'softmax', dim: 2, column: 4, role: 'category' },
    { activation: 'softmax', dim: 3, column: 5, role: 'category' },
  ]);
  const d0 = 1 + mx + 2 + 1 + ma + 1 + mt;
  assert.deepEqual(tt.discreteSpans, [{ column: 3, offset: d0, size: 4 }, { column: 4, offset: d0 + 4, size: 2 }, { column: 5, offset: d0 + 6, size: 3 }]);
  assert.equal(tt.dim, d0 + 9);
  const enc = tt.transform(table, new Rng(3));
  assert.equal(enc.length, 3000 * tt.dim);
  // every softmax span one-hot, every tanh value within ±0.99, missing cells α = 0
  for (let i = 0; i < 3000; i++) {
    let off = i * tt.dim;
    for (const s of tt.spans) {
      if (s.activation === 'tanh') assert.ok(Math.abs(enc[off]) <= 0.99 + 1e-7);
      else {
        let sum = 0;
        for (let j = 0; j < s.dim; j++) { assert.ok(enc[off + j] === 0 || enc[off + j] === 1); sum += enc[off + j]; }
        assert.equal(sum, 1);
      }
      off += s.dim;
    }
    const missing = Number.isNaN(table.columns[0][i]);
    assert.equal(enc[i * tt.dim + 1 + mx + 1], missing ? 1 : 0);
    if (missing) {
      assert.equal(enc[i * tt.dim], 0);
      assert.equal(argmax(enc, i * tt.dim + 1, mx), tt.normalizer(0)!.likeliestMode);
    }
  }
});

test('round trip: categories exact, numbers within 1e-6 of max(|x|, 4σ_k), integers exact, datetimes within 1e-6·4σ_k, NaN kept', () => {
  const table = makeTable(5000, 4);
  const tt = fitTableTransformer(table, new Rng(5));
  const enc = tt.transform(table, new Rng(6));
  const dec = tt.inverse(enc, table.rows);
  assert.deepEqual(dec.schema, table.schema);
  for (const j of [3, 4, 5]) assert.deepEqual(dec.columns[j], table.columns[j]);
  const offsets = [0, 1 + tt.normalizer(0)!.modes + 2];
  offsets.push(offsets[1] + 1 + tt.normalizer(1)!.modes);
  let worst = 0;
  let clipped = 0;
  let worstMs = 0;
  for (const j of [0, 1, 2]) {
    const norm = tt.normalizer(j)!;
    for (let i = 0; i < table.rows; i++) {
      const x = table.columns[j][i];
      const y = dec.columns[j][i];
      if (Number.isNaN(x)) { assert.ok(Number.isNaN(y)); continue; }
      const o = i * tt.dim + offsets[j];
      const mode = argmax(enc, o + 1, norm.modes); // the mode it was encoded with (a one-hot)
      const a = norm.alpha(x, mode);
      if (Math.abs(a) >= 0.99) {
        // far outside the sampled mode: the value comes back at the clip edge (then the column's range)
        clipped++;
        const edge = norm.means[mode] + Math.sign(a) * 0.99 * STD_MULTIPLIER * norm.stds[mode];
        const col = table.schema.columns[j];
        const want = j === 0 ? edge : Math.min(col.max ?? Infinity, Math.max(col.min ?? -Infinity, Math.round(edge)));
        assert.ok(Math.abs(y - want) <= 1e-6 * Math.max(Math.abs(want), 4 * norm.stds[mode]) || (j > 0 && Math.abs(y - want) <= 1), `${j} ${i}: ${y} vs edge ${want}`);
        continue;
      }
      if (j === 0) {
        const err = Math.abs(y - x) / Math.max(Math.abs(x), STD_MULTIPLIER * norm.stds[mode]);
        worst = Math.max(worst, err);
        assert.ok(err <= 1e-6, `row ${i}: ${y} vs ${x}`);
      } else if (j === 2) {
        // epoch milliseconds: a float32 α carries 2⁻²⁴ of 4σ (σ ≈ 3 months here: seconds), then rounding
        worstMs = Math.max(worstMs, Math.abs(y - x));
        assert.ok(Math.abs(y - x) <= 1e-6 * STD_MULTIPLIER * norm.stds[mode] + 0.5, `row ${i}: ${y} vs ${x}`);
      } else assert.equal(y, x, `column ${j} row ${i}`);
    }
  }
  console.log(`worst relative error ${worst}, datetime ${worstMs} ms, clipped cells ${clipped} of ${3 * table.rows}`);
  assert.ok(worst > 0 && worst < 1e-7, `${worst}`); // float32 α: ≤ 2⁻²⁴ of 4σ
  assert.ok(clipped < 0.002 * 3 * table.rows, `${clipped} clipped`);
});

test('sampled modes follow the posterior on a two-Gaussian column (per value and over the column, within 3σ)', () => {
  const rng = new Rng(7);
  const x = Float64Array.from({ length: 4000 }, (_, i) => (i % 2 ? 0 : 3) + rng.normal());
  const norm = fitModeNormalizer(x, new Rng(8));
  // one value between the modes, encoded 20,000 times
  const p = norm.posterior(1.5);
  const counts = new Float64Array(norm.modes);
  const draw = new Rng(9);
  const N = 20000;
  for (let i = 0; i < N; i++) counts[norm.encode(1.5, draw).mode]++;
  let chi2 = 0;
  for (let j = 0; j < norm.modes; j++) {
    const sd = Math.sqrt((N * p[j] * (1 - p[j])));
    assert.ok(Math.abs(counts[j] - N * p[j]) <= 3 * sd + 1e-9, `mode ${j}: ${counts[j]} vs ${N * p[j]} ± ${sd}`);
    chi2 += (counts[j] - N * p[j]) ** 2 / (N * p[j]);
  }
  assert.ok(p.filter((v) => v > 0.1).length >= 2, `posterior at 1.5 is ${p}`);
  // the whole column: observed counts per mode against the summed posteriors, variance Σ p(1 − p)
  const expected = new Float64Array(norm.modes);
  const variance = new Float64Array(norm.modes);
  const seen = new Float64Array(norm.modes);
  const colRng = new Rng(10);
  for (const v of x) {
    const q = norm.posterior(v);
    for (let j = 0; j < norm.modes; j++) { expected[j] += q[j]; variance[j] += q[j] * (1 - q[j]); }
    seen[norm.encode(v, colRng).mode]++;
  }
  for (let j = 0; j < norm.modes; j++) assert.ok(Math.abs(seen[j] - expected[j]) <= 3 * Math.sqrt(variance[j]), `mode ${j}: ${seen[j]} vs ${expected[j]}`);
  console.log(`modes ${norm.modes}, means ${Array.from(norm.means, (m) => m.toFixed(3))}, p(1.5) ${Array.from(p, (v) => v.toFixed(3))}, χ² ${chi2.toFixed(2)} (df ${norm.modes - 1})`);
  // a uniform mode (ignoring the posterior) would be off by far more than 3σ on these counts
  assert.ok(p.some((v) => Math.abs(v - 1 / norm.modes) > 0.05));
});

test('JSON round trip: the restored transformer encodes bit-identically for the same Rng and decodes alike', () => {
  const table = makeTable(2000, 11);
  const a = fitTableTransformer(table, new Rng(12));
  const text = JSON.stringify(a.toJSON());
  const b = tableTransformerFromJSON(JSON.parse(text));
  assert.equal(JSON.stringify(b.toJSON()), text);
  assert.deepEqual(b.spans, a.spans);
  assert.deepEqual(b.discreteSpans, a.discreteSpans);
  const ea = a.transform(table, new Rng(13));
  const eb = b.transform(table, new Rng(13));
  assert.deepEqual(Buffer.from(eb.buffer), Buffer.from(ea.buffer));
  // different Rng, different modes somewhere: the sampling is real
  assert.notDeepEqual(Buffer.from(a.transform(table, new Rng(14)).buffer), Buffer.from(ea.buffer));
  const noisy = Float32Array.from(ea, (v, i) => v + 0.3 * Math.sin(i));
  const da = a.inverse(noisy, table.rows);
  const db = b.inverse(noisy, table.rows);
  da.columns.forEach((c, j) => assert.deepEqual(db.columns[j], c));
  // decoded cells stay inside each numeric column's range and are whole for integer/datetime
  for (const j of [1, 2]) {
    const col = table.columns[j];
    const lo = Math.min(...col);
    const hi = Math.max(...col);
    for (const v of da.columns[j]) assert.ok(Number.isInteger(v) && v >= (j === 1 ? 17 : lo) && v <= (j === 1 ? 90 : hi));
  }
});

test('errors that teach: malformed JSON, missing cells without an indicator, bad codes, wrong table', () => {
  const table = makeTable(500, 15);
  const tt = fitTableTransformer(table, new Rng(16));
  const json = JSON.parse(JSON.stringify(tt.toJSON()));
  json.columns[1].vgm.covariances[0] = -1;
  assert.throws(() => tableTransformerFromJSON(json), /covariance must be > 0/);
  assert.throws(() => tableTransformerFromJSON({ ...tt.toJSON(), version: 2 }), /at version/);
  const cols = JSON.parse(JSON.stringify(tt.toJSON()));
  cols.columns[1].active = [99];
  assert.throws(() => tableTransformerFromJSON(cols), /active components \[99\]/);
  const none = { ...table, schema: { columns: table.schema.columns.map((c, j) => (j === 0 ? { ...c, missing: 'none' as const } : c)) } };
  assert.throws(() => fitTableTransformer(none, new Rng(1)), /Numeric column 'x' has \d+ missing cells but missing: 'none'/);
  const bad = { ...table, columns: table.columns.map((c, j) => (j === 3 ? Float64Array.from(c, (v, i) => (i === 7 ? 4 : v)) : c)) };
  assert.throws(() => tt.transform(bad, new Rng(1)), /Column 'c' row 7: category code 4 is not an integer in \[0, 4\)/);
  const fewer = { ...table, schema: { columns: table.schema.columns.slice(1) }, columns: table.columns.slice(1) };
  assert.throws(() => tt.transform(fewer, new Rng(1)), /has 5 columns, the transformer was fitted on 6/);
  assert.throws(() => tt.inverse(new Float32Array(7), 2), /7 values is not 2 rows/);
});

test('a constant column and a column with fewer rows than components still encode and decode', () => {
  const schema: TableSchema = { columns: [{ name: 'k', kind: 'continuous', missing: 'none' }, { name: 'few', kind: 'integer', missing: 'none' }] };
  const table: TypedTable = { schema, rows: 4, columns: [Float64Array.of(2.5, 2.5, 2.5, 2.5), Float64Array.of(1, 5, 9, 5)] };
  const tt = fitTableTransformer(table, new Rng(3));
  assert.equal(tt.normalizer(0)!.modes, 1);
  const dec = tt.inverse(tt.transform(table, new Rng(4)), 4);
  assert.deepEqual(Array.from(dec.columns[0]), [2.5, 2.5, 2.5, 2.5]);
  assert.deepEqual(Array.from(dec.columns[1]), [1, 5, 9, 5]);
});
