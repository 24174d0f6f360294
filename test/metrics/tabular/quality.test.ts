// SDMetrics-style fidelity scores against numpy/scipy (ks_2samp, corrcoef, histogram_bin_edges, digitize,
// contingency.association) on committed fixtures, ≤ 1e-9; known answers for identical and disjoint tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  columnPairTrends, columnShapes, contingencySimilarity, correlationSimilarity, cramersV, digitize, histogramBinEdges,
  ksStatistic, tabularQuality, tvComplement,
} from '../../../src/metrics/tabular/index.js';
import type { ColumnSchema } from '../../../src/data/tabular/types.js';
import { loadCases, num, table } from './fixture.js';

const cases = loadCases();
const TOL = 1e-9;

/** Both NaN, or within TOL; returns the absolute error (0 for matching NaNs). */
function close(actual: number, expected: number, what: string): number {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return 0;
  }
  const err = Math.abs(actual - expected);
  assert.ok(err <= TOL, `${what}: ${actual} vs ${expected} (error ${err})`);
  return err;
}

for (const c of cases) {
  for (const binning of ['real-edges', 'per-table'] as const) {
    test(`case ${c.seed}, ${binning} binning: column shapes, pair trends and quality equal numpy/scipy's within 1e-9`, () => {
      let worst = 0;
      const q = tabularQuality(c.real, c.synthetic, { binning });
      const { all, thresholded } = c.expected[binning];
      q.shapes.forEach((s, i) => { worst = Math.max(worst, close(s.score, num(all.shapes[i]), `shape ${s.column}`)); });
      q.pairs.forEach((p, i) => {
        const e = all.pairs[i];
        assert.equal(p.metric, e.metric);
        worst = Math.max(worst, close(p.score, num(e.score), `${p.column1}/${p.column2}`));
        worst = Math.max(worst, close(p.realCorrelation, num(e.realCorrelation), `ρ_R ${p.column1}/${p.column2}`));
        worst = Math.max(worst, close(p.syntheticCorrelation, num(e.syntheticCorrelation), `ρ_S ${p.column1}/${p.column2}`));
      });
      q.thresholdedPairs.forEach((p, i) => {
        const e = thresholded.pairs[i];
        assert.equal(p.meetsThreshold, e.meets, `meets ${p.column1}/${p.column2}`);
        worst = Math.max(worst, close(p.score, num(e.score), `thresholded ${p.column1}/${p.column2}`));
        worst = Math.max(worst, close(p.realAssociation, num(e.realAssociation), `V ${p.column1}/${p.column2}`));
      });
      worst = Math.max(worst, close(q.columnShapes, all.columnShapes, 'shapes'));
      worst = Math.max(worst, close(q.columnPairTrends, num(all.columnPairTrends), 'trends'));
      worst = Math.max(worst, close(q.columnPairTrendsThresholded, num(thresholded.columnPairTrends), 'thresholded trends'));
      worst = Math.max(worst, close(q.quality, all.quality, 'quality'));
      worst = Math.max(worst, close(q.qualityThresholded, thresholded.quality, 'thresholded quality'));
      assert.ok(thresholded.pairs.some((p) => p.meets) && thresholded.pairs.some((p) => !p.meets), 'the fixture exercises both sides of the thresholds');
      if (process.env.TABMETRICS_VERBOSE) process.stderr.write(`case ${c.seed} ${binning}: max abs error ${worst.toExponential(2)}\n`);
    });
  }
}

test('a constant synthetic column makes its correlations NaN and they drop out of the mean', () => {
  const c = cases[1];
  const q = tabularQuality(c.real, c.synthetic);
  const hours = q.pairs.filter((p) => p.metric === 'CorrelationSimilarity' && (p.column1 === 'hours' || p.column2 === 'hours'));
  assert.ok(hours.length === 3 && hours.every((p) => Number.isNaN(p.score)));
  const finite = q.pairs.map((p) => p.score).filter((s) => !Number.isNaN(s));
  assert.equal(q.columnPairTrends, finite.reduce((a, b) => a + b, 0) / finite.length);
});

test('identical tables score 1 on every column, pair and overall', () => {
  for (const c of cases) {
    for (const binning of ['real-edges', 'per-table'] as const) {
      const q = tabularQuality(c.real, c.real, { binning });
      for (const s of q.shapes) assert.equal(s.score, 1, s.column);
      for (const p of q.pairs) assert.ok(Math.abs(p.score - 1) < 1e-15, `${p.column1}/${p.column2} ${p.score}`);
      assert.ok(Math.abs(q.quality - 1) < 1e-15 && Math.abs(q.qualityThresholded - 1) < 1e-15);
    }
  }
});

test('disjoint categories and disjoint numeric ranges score 0', () => {
  const schema: ColumnSchema[] = [
    { name: 'c', kind: 'categorical', categories: ['a', 'b', 'c', 'd'], missing: 'none' },
    { name: 'x', kind: 'continuous', missing: 'none' },
  ];
  const real = table(schema, [[0, 1, 0, 1, 1], [1, 2, 3, 4, 5]]);
  const synth = table(schema, [[2, 3, 3, 2], [10, 11, 12, 13]]);
  const [tv, ks] = columnShapes(real, synth);
  // TVComplement is 0 up to get_frequencies' 1e-6 regularisation of synthetic-only categories
  // real {a: 2, b: 3} gains c, d: 1e-6 each, so TV = 1 − ½(1 + (5 − 2e-6)/(5 + 2e-6)) ≈ 4e-7, not exactly 0
  assert.ok(Math.abs(tv.score - 0.5 * (1 - (5 - 2e-6) / (5 + 2e-6))) < 1e-15, `TV ${tv.score}`);
  assert.equal(ks.score, 0);
  const [pair] = columnPairTrends(real, synth);
  assert.equal(pair.metric, 'ContingencySimilarity');
  assert.equal(pair.score, 0);
});

test('the primitives: KS D, TV regularisation, Pearson, Cramér V, numpy binning by hand', () => {
  assert.equal(ksStatistic(Float64Array.of(1, 2, 3, 4), Float64Array.of(3, 4, 5, 6)), 0.5);
  // real {0: 3, 1: 1}, synthetic {0: 1, 1: 1, 2: 2}: real gains 2: 1e-6
  const tr = 4 + 1e-6;
  const tv = 1 - 0.5 * (Math.abs(1 / 4 - 3 / tr) + Math.abs(1 / 4 - 1 / tr) + Math.abs(2 / 4 - 1e-6 / tr));
  assert.equal(tvComplement(Float64Array.of(0, 0, 0, 1), Float64Array.of(0, 1, 2, 2)), tv);
  const r = correlationSimilarity(Float64Array.of(1, 2, 3, NaN), Float64Array.of(2, 4, 6, 1), Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1));
  assert.deepEqual(r, { score: 0, real: 1, synthetic: -1 });
  // 2×2 table [[10, 0], [0, 10]]: χ² = 20, V = 1; [[5, 5], [5, 5]]: V = 0
  assert.equal(cramersV(Float64Array.of(10, 0, 0, 10), 2, 2), 1);
  assert.equal(cramersV(Float64Array.of(5, 5, 5, 5), 2, 2), 0);
  assert.deepEqual([...histogramBinEdges(Float64Array.of(0, 10, NaN), 5)], [0, 2, 4, 6, 8, 10]);
  assert.deepEqual([...histogramBinEdges(Float64Array.of(3, 3), 2)], [2.5, 3, 3.5]);
  assert.deepEqual([...digitize(Float64Array.of(-1, 0, 1.9, 2, 10, NaN), Float64Array.of(0, 2, 4, 10))], [0, 1, 1, 2, 4, 4]);
  const s = contingencySimilarity(Float64Array.of(0, 0, 1, 1), Float64Array.of(0, 1, 0, 1), Float64Array.of(0, 0), Float64Array.of(0, 0), 0.3);
  assert.ok(Number.isNaN(s.score) && s.realAssociation === 0, 'an independent real pair is below the association threshold');
});

test('tables with different schemas are refused with the column named', () => {
  const c = cases[0];
  const other = { ...c.synthetic, schema: { columns: c.schema.map((s, i) => (i === 2 ? { ...s, name: 'hrs' } : s)) } };
  assert.throws(() => tabularQuality(c.real, other), /column 2 is "hours".*"hrs"/);
  const recoded = { ...c.synthetic, schema: { columns: c.schema.map((s) => (s.name === 'grade' ? { ...s, categories: ['high', 'low', 'mid'] } : s)) } };
  assert.throws(() => tabularQuality(c.real, recoded), /"grade" has categories \[low, mid, high\] in one table and \[high, low, mid\]/);
});
