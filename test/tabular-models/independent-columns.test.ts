// The independent-columns baseline: each marginal matches the data (KS below the 99 % critical value,
// categories and missing rates within 3σ), every pair's sample correlation is 0 within 3/√n although
// the data's are not, and JSON save/load round-trips with validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNumericKind, type TypedTable } from '../../src/data/tabular/types.js';
import { fitIndependentColumns, independentColumnsFromJSON, independentColumnsToJSON, sampleIndependentColumns } from '../../src/models/tabular/independent-columns.js';
import { cumulativeCounts, discreteInverseCdf, numericCdf } from '../../src/models/tabular/marginals.js';
import { Rng } from '../../src/random/rng.js';
import { fixtureTable, frequencies, ksCritical99, ksDistance, knownTable, pearson } from './helpers.js';

const N = 20000;

function assertMarginals(data: TypedTable, s: TypedTable): void {
  data.schema.columns.forEach((c, j) => {
    const x = data.columns[j];
    const y = s.columns[j];
    if (isNumericKind(c.kind)) {
      const obs = (v: Float64Array) => v.filter((t) => !Number.isNaN(t)).length;
      const ks = ksDistance(x, y);
      assert.ok(ks <= ksCritical99(obs(x), obs(y)), `${c.name}: KS ${ks} > ${ksCritical99(obs(x), obs(y))}`);
      const p = 1 - obs(x) / x.length;
      const got = 1 - obs(y) / y.length;
      assert.ok(Math.abs(got - p) <= 3 * Math.sqrt((p * (1 - p)) / y.length) + 1e-12, `${c.name}: missing ${got} vs ${p}`);
      if (c.kind === 'integer') assert.ok(y.every((v) => Number.isNaN(v) || Number.isInteger(v)));
    } else {
      const k = c.categories!.length;
      const f = frequencies(x, k);
      const g = frequencies(y, k);
      f.forEach((p, i) => assert.ok(Math.abs(g[i] - p) <= 3 * Math.sqrt((p * (1 - p)) / y.length) + 1e-12, `${c.name}=${c.categories![i]}: ${g[i]} vs ${p}`));
    }
  });
}

test('independent samples match every marginal (known table with integer, ordinal and missing cells)', () => {
  const data = knownTable(5000, 61);
  assertMarginals(data, sampleIndependentColumns(fitIndependentColumns(data), N, new Rng(1)));
});

test('independent samples match every marginal (Adult fixture: ties, "?" as a category, missing hours)', () => {
  const data = fixtureTable();
  assertMarginals(data, sampleIndependentColumns(fitIndependentColumns(data), N, new Rng(2)));
});

test('the independent baseline\'s pair correlations are 0 within 3/√n where the data\'s are up to 0.6', () => {
  const data = knownTable(5000, 62, 0.1);
  const s = sampleIndependentColumns(fitIndependentColumns(data), N, new Rng(3));
  let strongest = 0;
  for (let a = 0; a < 4; a++) {
    for (let b = a + 1; b < 4; b++) {
      strongest = Math.max(strongest, Math.abs(pearson(data.columns[a], data.columns[b])));
      const r = pearson(s.columns[a], s.columns[b]);
      assert.ok(Math.abs(r) <= 3 / Math.sqrt(N), `(${a}, ${b}): ${r}`);
    }
  }
  assert.ok(strongest > 0.4, `the data do have dependence to lose (strongest |r| ${strongest})`);
});

test('inverse CDFs: a category\'s share of [0, 1) is its count; unseen categories are never drawn; the numeric CDF inverts the table', () => {
  const cum = cumulativeCounts([3, 0, 1, 0]);
  assert.deepEqual([0, 0.7499, 0.75, 0.9999, 1].map((u) => discreteInverseCdf(cum, u)), [0, 0, 2, 2, 2]);
  const m = { type: 'numeric' as const, quantiles: [0, 1, 1, 1, 3], observed: 5, missing: 0, integer: false };
  assert.equal(numericCdf(m, 2), 0.875); // between q[3] = 1 and q[4] = 3 at grid 3.5/4
  assert.equal(numericCdf(m, 1), 0.5); // the flat stretch q[1…3] = 1 maps to its middle, grid 2/4
  assert.equal(numericCdf(m, 0.5), 0.125);
  assert.equal(numericCdf(m, -1), 0);
});

test('toJSON → JSON text → fromJSON gives the same samples; damaged models are refused', () => {
  const p = fitIndependentColumns(fixtureTable());
  const json = JSON.parse(JSON.stringify(independentColumnsToJSON(p)));
  const back = independentColumnsFromJSON(json);
  const a = sampleIndependentColumns(p, 200, new Rng(4));
  const b = sampleIndependentColumns(back, 200, new Rng(4));
  a.columns.forEach((c, j) => assert.deepEqual(Array.from(b.columns[j]), Array.from(c)));
  const bad = (f: (j: typeof json) => void) => {
    const j = JSON.parse(JSON.stringify(json));
    f(j);
    return () => independentColumnsFromJSON(j);
  };
  assert.throws(bad((j) => j.marginals.pop()), /8 columns|marginals for/);
  assert.throws(bad((j) => (j.marginals[0] = j.marginals[1])), /'age' is integer but its marginal is discrete/);
  assert.throws(bad((j) => (j.marginals[1].counts = j.marginals[1].counts.map(() => 0))), /at least one category/);
  assert.throws(bad((j) => ((j.marginals[0].missing = 3), (j.rows = 303))), /'age' has missing cells but its policy is 'none'/);
  assert.throws(bad((j) => (j.rows = 301)), /'age' counts 300 cells but the model was fitted on 301 rows/);
  assert.throws(bad((j) => (j.schema.columns[0].kind = 'float')), /Invalid independent-columns model: 'schema.columns.0.kind'/);
});

test('fit validates the table up front', () => {
  const t = fixtureTable();
  t.columns[2] = t.columns[2].slice(0, 10);
  assert.throws(() => fitIndependentColumns(t), /'fnlwgt' has 10 cells, the table has 300 rows/);
  const u = fixtureTable();
  u.columns[2][0] = Infinity;
  assert.throws(() => fitIndependentColumns(u), /infinite value at row 0/);
});
