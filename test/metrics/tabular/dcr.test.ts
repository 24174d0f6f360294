// Distance to closest record: a hand-made case, numpy's brute-force distances on the committed fixtures,
// a brute-force loop on random tables (no discrete / no numeric columns too), exact copies, percentiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dcrPrivacy, distanceToClosestRecord, exactCopyRate, percentile } from '../../../src/metrics/tabular/index.js';
import { Rng } from '../../../src/random/rng.js';
import type { ColumnSchema, TypedTable } from '../../../src/data/tabular/types.js';
import { loadCases, table } from './fixture.js';

const schema: ColumnSchema[] = [
  { name: 'x', kind: 'continuous', missing: 'indicator' },
  { name: 'c', kind: 'categorical', categories: ['a', 'b', 'c'], missing: 'none' },
];

test('hand-made DCR: range scaling, category mismatch, missing cells, exact copies', () => {
  // training x spans [0, 10] → range 10
  const train = table(schema, [[0, 10, 5, null], [0, 1, 2, 0]]);
  const query = table(schema, [
    [0, 7, 5, null, null, 2],
    [0, 1, 0, 0, 1, 2],
  ]);
  // row 0 copies train 0; row 1: nearest train 1 (|7−10|/10 = 0.3, same category); row 2: train 2 at
  // mismatch 1 vs train 0 at 0.5 → 0.5... (0.5² = 0.25 < 1); row 3 copies train 3 (both missing);
  // row 4: missing vs train 3's missing (0) + mismatch 1 = 1, vs present rows ≥ 1 → 1;
  // row 5: x 2 c 'c' → train 2 (x 5, c 'c'): 0.3
  const expected = [0, 0.3, 0.5, 0, 1, 0.3];
  const d = distanceToClosestRecord(query, train);
  expected.forEach((e, i) => assert.ok(Math.abs(d[i] - e) < 1e-12, `row ${i} ${d[i]} vs ${e}`));
  assert.equal(d[0], 0);
  assert.equal(d[3], 0);
  assert.equal(exactCopyRate(query, train), 2 / 6);
});

test('DCR equals numpy brute force on the fixtures within 1e-9, percentiles and exact-copy rate too', () => {
  {
    const name = 'trie search';
    for (const c of loadCases()) {
      const r = dcrPrivacy(c.real, c.synthetic, c.holdout);
      let worst = 0;
      c.dcr.synthetic.forEach((e, i) => { worst = Math.max(worst, Math.abs(r.syntheticDistances[i] - e)); });
      c.dcr.holdout.forEach((e, i) => { worst = Math.max(worst, Math.abs(r.holdoutDistances![i] - e)); });
      assert.ok(worst <= 1e-9, `${name} case ${c.seed}: max error ${worst}`);
      assert.ok(Math.abs(r.synthetic.p5 - c.dcr.syntheticP5) <= 1e-9 && Math.abs(r.synthetic.median - c.dcr.syntheticMedian) <= 1e-9);
      assert.ok(Math.abs(r.holdout!.p5 - c.dcr.holdoutP5) <= 1e-9 && Math.abs(r.holdout!.median - c.dcr.holdoutMedian) <= 1e-9);
      assert.equal(r.exactCopyRate, c.dcr.exactCopyRate);
      if (process.env.TABMETRICS_VERBOSE) process.stderr.write(`${name} case ${c.seed}: DCR max abs error ${worst.toExponential(2)}\n`);
    }
  }
});

/** The definition, pair by pair. */
function bruteForce(query: TypedTable, ref: TypedTable): Float64Array {
  const cols = ref.schema.columns;
  const ranges = cols.map((col, c) => {
    const v = [...ref.columns[c]].filter((x) => !Number.isNaN(x));
    const r = Math.max(...v) - Math.min(...v);
    return r > 0 ? r : 1;
  });
  return Float64Array.from({ length: query.rows }, (_, i) => {
    let best = Infinity;
    for (let j = 0; j < ref.rows; j++) {
      let s = 0;
      cols.forEach((col, c) => {
        const a = query.columns[c][i], b = ref.columns[c][j];
        if (col.kind === 'categorical') s += Object.is(a, b) ? 0 : 1;
        else if (Number.isNaN(a) || Number.isNaN(b)) s += Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
        else s += ((a - b) / ranges[c]) ** 2;
      });
      best = Math.min(best, s);
    }
    return Math.sqrt(best);
  });
}

test('the pruned trie search finds the brute-force nearest row (missing cells, only numeric, only discrete)', () => {
  const rng = new Rng(11);
  const mk = (kinds: ('n' | 'c')[], rows: number, nanRate: number): TypedTable => {
    const schema: ColumnSchema[] = kinds.map((k, i) => (k === 'n' ? { name: `x${i}`, kind: 'continuous', missing: 'indicator' } : { name: `c${i}`, kind: 'categorical', categories: ['a', 'b', 'c'], missing: 'none' }));
    return table(schema, kinds.map((k) => Array.from({ length: rows }, () => (rng.uniform() < nanRate ? null : k === 'n' ? Math.round(rng.normal() * 20) / 10 : rng.int(3)))));
  };
  // six 3-category columns over 300 rows: most tuples are rare, so leaves above full depth (≤ 8 rows) are common
  for (const kinds of [['n', 'c', 'n', 'c', 'c'], ['n', 'n'], ['c', 'c', 'c'], ['c', 'c', 'n', 'c', 'c', 'c', 'c']] as ('n' | 'c')[][]) {
    for (const nanRate of [0, 0.15]) {
      const ref = mk(kinds, 300, nanRate);
      const query = { ...mk(kinds, 120, nanRate), schema: ref.schema };
      const got = distanceToClosestRecord(query, ref), want = bruteForce(query, ref);
      const err = got.reduce((m, v, i) => Math.max(m, Math.abs(v - want[i])), 0);
      assert.ok(err < 1e-12, `${kinds.join('')} NaN ${nanRate}: error ${err}`);
    }
  }
});

test('percentile follows numpy linear interpolation', () => {
  assert.equal(percentile([4, 1, 3, 2], 50), 2.5);
  assert.equal(percentile([0, 10], 5), 0.5);
  assert.equal(percentile([7], 5), 7);
});
