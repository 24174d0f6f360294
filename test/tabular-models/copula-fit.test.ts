// Gaussian copula fit: normal scores and their correlation against numpy/scipy on the committed Adult
// sample (make_copula_fixture.py), the quantile table against np.quantile, recovery of a known latent
// correlation, the positive-definite repair, and JSON save/load with its validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copulaLatentLayout, copulaNormalScores, fitGaussianCopula, gaussianCopulaFromJSON, gaussianCopulaToJSON, sampleGaussianCopula } from '../../src/models/tabular/gaussian-copula.js';
import { fitMarginal, numericInverseCdf } from '../../src/models/tabular/marginals.js';
import { Rng } from '../../src/random/rng.js';
import { fixture, fixtureTable, KNOWN_R, knownTable } from './helpers.js';

const noise = (): Float64Array[] => fixture.noise.map((v: number[]) => Float64Array.from(v));

test('the copula dimensions are each column plus the indicator of an indicator column', () => {
  assert.deepEqual(copulaLatentLayout(fixtureTable().schema), fixture.latent);
});

test('normal scores equal scipy.stats.norm.ppf of the tie-broken ranks (≤ 1e-12) on the Adult fixture', () => {
  const { scores } = copulaNormalScores(fixtureTable(), noise());
  let worst = 0;
  scores.forEach((z, l) => z.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - fixture.scores[l][i])))));
  assert.ok(worst <= 1e-12, `max |z − z_scipy| = ${worst}`);
});

test('the fitted correlation equals np.corrcoef of the same normal scores (≤ 1e-12)', () => {
  const p = fitGaussianCopula(fixtureTable(), noise());
  assert.equal(p.shrinkage, 0);
  let worst = 0;
  p.correlation.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - fixture.correlation[i]))));
  assert.ok(worst <= 1e-12, `max |R − corrcoef| = ${worst}`);
  // the fixture has real dependence to get right: education-num vs income and sex vs income are far from 0
  const d = p.latent.length;
  assert.ok(Math.abs(p.correlation[3 * d + 8]) > 0.25, `education-num/income ${p.correlation[3 * d + 8]}`);
});

test('the quantile table is numpy\'s linear quantile at p = k/1000 (3,000 values, ≤ 1e-9 relative)', () => {
  const values = Float64Array.from(fixture.quantileTable.values as number[]);
  const m = fitMarginal(values, { name: 'fnlwgt', kind: 'continuous', missing: 'none' });
  assert.equal(m.type, 'numeric');
  if (m.type !== 'numeric') return;
  assert.equal(m.quantiles.length, 1001);
  m.quantiles.forEach((q, k) => assert.ok(Math.abs(q - fixture.quantileTable.quantiles[k]) <= 1e-9 * Math.abs(q), `q[${k}] ${q}`));
  // inverse CDF: the endpoints are min and max, and u between grid points interpolates linearly
  assert.equal(numericInverseCdf(m, 0), Math.min(...values));
  assert.equal(numericInverseCdf(m, 1), Math.max(...values));
  const q = fixture.quantileTable.quantiles;
  assert.ok(Math.abs(numericInverseCdf(m, 0.50025) - (q[500] + 0.25 * (q[501] - q[500]))) <= 1e-6);
});

test('with fewer than 1,001 observed cells the table keeps every order statistic; integers sample as integers', () => {
  const m = fitMarginal(Float64Array.from([5, 1, 3, 3, NaN]), { name: 'x', kind: 'integer', missing: 'indicator' });
  assert.deepEqual(m, { type: 'numeric', quantiles: [1, 3, 3, 5], observed: 4, missing: 1, integer: true });
  if (m.type !== 'numeric') return;
  assert.equal(numericInverseCdf(m, 2.3 / 3), 4); // 3 + 0.3·(5 − 3) = 3.6 at h = 2.3, rounded
  assert.equal(numericInverseCdf(m, 2.2 / 3), 3); // 3.4, rounded
  assert.ok(Math.abs(numericInverseCdf({ ...m, integer: false }, 2.3 / 3) - 3.6) <= 1e-12); // continuous: not rounded
});

test('the fitted correlation recovers a known latent correlation through non-Gaussian and discrete margins', () => {
  // income = exp(z1), hours = round(40 + 8·z2), spend = 100 + 20·z4 with 10 % missing: scores of
  // continuous margins are (nearly) the latent normals, so R is within 3 standard errors (1 − ρ²)/√n
  const n = 20000;
  const p = fitGaussianCopula(knownTable(n, 11), new Rng(12));
  const d = p.latent.length;
  assert.deepEqual(p.latent.map((l) => `${l.column}:${l.role}`), ['0:value', '1:value', '2:value', '3:value', '3:missing']);
  for (const [a, b] of [[0, 1], [0, 3], [1, 3]]) {
    const rho = KNOWN_R[a][b];
    const got = p.correlation[a * d + b];
    // spend's score for a missing cell is an independent N(0, 1) draw: its correlation shrinks to 0.9·ρ
    // (and its standard error is bounded by 1/√n rather than (1 − ρ²)/√n: the mixture is not Gaussian)
    const want = b === 3 ? 0.9 * rho : rho;
    assert.ok(Math.abs(got - want) <= 3 * (b === 3 ? 1 : 1 - rho * rho) / Math.sqrt(n), `R[${a},${b}] = ${got}, want ${want}`);
  }
  // the missing indicator is independent of everything by construction
  for (let a = 0; a < 4; a++) assert.ok(Math.abs(p.correlation[a * d + 4]) <= 3 / Math.sqrt(n), `R[${a}, missing] = ${p.correlation[a * d + 4]}`);
  // a 3-category ordinal of z3 carries a weaker but same-signed correlation with z1 (ρ = −0.4)
  assert.ok(p.correlation[0 * d + 2] < -0.3 && p.correlation[0 * d + 2] > -0.4, `R[income, grade] = ${p.correlation[2]}`);
});

test('a duplicated column makes R singular: it is shrunk toward I until it has a Cholesky factor', () => {
  const t = knownTable(500, 4, 0, true);
  const dup = { schema: { columns: [...t.schema.columns, { ...t.schema.columns[0], name: 'income2' }] }, rows: t.rows, columns: [...t.columns, t.columns[0].slice()] };
  const p = fitGaussianCopula(dup, new Rng(1));
  assert.ok(p.shrinkage > 0 && p.shrinkage <= 1e-6, `λ = ${p.shrinkage}`);
  const d = p.latent.length;
  assert.ok(p.correlation[0 * d + 4] > 0.999999 && p.correlation[0 * d + 4] < 1);
  for (let i = 0; i < d; i++) assert.equal(p.correlation[i * d + i], 1);
  const s = sampleGaussianCopula(p, 200, new Rng(2));
  assert.ok(s.columns.every((c) => c.every(Number.isFinite)));
});

test('toJSON → JSON text → fromJSON gives the same samples for the same seed', () => {
  const p = fitGaussianCopula(fixtureTable(), new Rng(5));
  const back = gaussianCopulaFromJSON(JSON.parse(JSON.stringify(gaussianCopulaToJSON(p))));
  const a = sampleGaussianCopula(p, 300, new Rng(9));
  const b = sampleGaussianCopula(back, 300, new Rng(9));
  a.columns.forEach((c, j) => assert.deepEqual(Array.from(b.columns[j]), Array.from(c)));
  assert.ok(a.columns[6].some(Number.isNaN), 'hours-per-week keeps missing cells');
});

test('fromJSON refuses damaged copulas, naming what is wrong', () => {
  const good = JSON.parse(JSON.stringify(gaussianCopulaToJSON(fitGaussianCopula(fixtureTable(), new Rng(5)))));
  const d = good.latent.length;
  const damaged = (f: (j: typeof good) => void) => {
    const j = JSON.parse(JSON.stringify(good));
    f(j);
    return j;
  };
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.kind = 'ctgan'))), /Invalid Gaussian copula: 'kind'/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => j.correlation.pop())), /entries, expected 9×9/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.correlation[1] = 0.5))), /not symmetric at \(1, 0\)/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.correlation[d + 1] = 0.9))), /diagonal/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => j.marginals[1].counts.push(0))), /categories but/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.latent = j.latent.slice(1)))), /'latent' does not match/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.rows = 10))), /counts 300 cells but the model was fitted on 10 rows/);
  assert.throws(() => gaussianCopulaFromJSON(damaged((j) => (j.marginals[0].quantiles[3] = -5))), /non-decreasing/);
  // a symmetric matrix with unit diagonal that is not positive definite
  const bad = damaged((j) => {
    j.correlation[0 * d + 2] = j.correlation[2 * d + 0] = 0.99;
    j.correlation[0 * d + 3] = j.correlation[3 * d + 0] = 0.99;
    j.correlation[2 * d + 3] = j.correlation[3 * d + 2] = -0.99;
  });
  assert.throws(() => gaussianCopulaFromJSON(bad), /not positive definite/);
});

test('fit refuses tables that break their schema, naming the column and row', () => {
  const t = fixtureTable();
  t.columns[1][7] = 99;
  assert.throws(() => fitGaussianCopula(t, new Rng(1)), /Column 'workclass' row 7 holds 99/);
  const u = fixtureTable();
  u.columns[0][3] = NaN;
  assert.throws(() => fitGaussianCopula(u, new Rng(1)), /'age' \(integer\) has a missing cell at row 3 but its missing policy is 'none'/);
  assert.throws(() => fitGaussianCopula(fixtureTable(), [new Float64Array(3)]), /9 arrays of 300 uniforms/);
});
