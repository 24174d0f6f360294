// Gaussian copula sampling: the normal scores of 20,000 samples have correlation R within 3 standard
// errors, a refit on samples gives R back, and every marginal matches the data (KS below its 99 %
// critical value, category and missing frequencies within 3σ).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNumericKind, type TypedTable } from '../../src/data/tabular/types.js';
import { fitGaussianCopula, sampleCopulaLatent, sampleGaussianCopula, type GaussianCopulaParams } from '../../src/models/tabular/gaussian-copula.js';
import { Rng } from '../../src/random/rng.js';
import { fixtureTable, frequencies, ksCritical99, ksDistance, knownTable, pearson } from './helpers.js';

const N = 20000;

/** Asserts every off-diagonal r̂ of the score columns is within 3·(1 − ρ²)/√n of R (n = sample rows). */
function assertCorrelation(scores: Float64Array[], r: readonly number[], what: string): void {
  const d = scores.length;
  const n = scores[0].length;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const rho = r[a * d + b];
      const got = pearson(scores[a], scores[b]);
      assert.ok(Math.abs(got - rho) <= (3 * (1 - rho * rho)) / Math.sqrt(n), `${what} (${a}, ${b}): ${got} vs R ${rho}`);
    }
  }
}

/** Asserts each column of the samples matches the data's marginal (KS 99 %, categories and missing rate 3σ). */
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
      assert.ok(Math.abs(got - p) <= 3 * Math.sqrt((p * (1 - p)) / y.length) + 1e-12, `${c.name}: missing rate ${got} vs ${p}`);
      if (c.kind !== 'continuous') assert.ok(y.every((v) => Number.isNaN(v) || Number.isInteger(v)), `${c.name} samples are integers`);
      const lo = Math.min(...x.filter((v) => !Number.isNaN(v)));
      const hi = Math.max(...x.filter((v) => !Number.isNaN(v)));
      assert.ok(y.every((v) => Number.isNaN(v) || (v >= lo && v <= hi)), `${c.name} samples stay within [${lo}, ${hi}]`);
    } else {
      const k = c.categories!.length;
      const f = frequencies(x, k);
      const g = frequencies(y, k);
      f.forEach((p, i) => {
        assert.ok(Math.abs(g[i] - p) <= 3 * Math.sqrt((p * (1 - p)) / y.length) + 1e-12, `${c.name}=${c.categories![i]}: ${g[i]} vs ${p}`);
        if (p === 0) assert.equal(g[i], 0, `${c.name}: an unseen category is never sampled`);
      });
    }
  });
}

test('20,000 latent draws have correlation R within 3 standard errors (Adult fixture copula, 9 dimensions)', () => {
  const p = fitGaussianCopula(fixtureTable(), new Rng(1));
  const z = sampleCopulaLatent(p, N, new Rng(2));
  assert.equal(z.length, 9);
  z.forEach((col, l) => {
    const m = col.reduce((s, v) => s + v, 0) / N;
    const v = col.reduce((s, x) => s + (x - m) ** 2, 0) / (N - 1);
    assert.ok(Math.abs(m) <= 3 / Math.sqrt(N) && Math.abs(v - 1) <= 3 * Math.sqrt(2 / N), `dimension ${l}: mean ${m}, variance ${v}`);
  });
  assertCorrelation(z, p.correlation, 'latent');
});

test('refitting on 20,000 samples of a continuous table gives the fitted R back within 3 standard errors', () => {
  const p = fitGaussianCopula(knownTable(5000, 21, 0, true), new Rng(3));
  const s = sampleGaussianCopula(p, N, new Rng(4));
  const again = fitGaussianCopula(s, new Rng(5));
  const d = p.latent.length;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const rho = p.correlation[a * d + b];
      const got = again.correlation[a * d + b];
      assert.ok(Math.abs(got - rho) <= (3 * (1 - rho * rho)) / Math.sqrt(N), `(${a}, ${b}): refit ${got} vs ${rho}`);
    }
  }
});

test('copula samples match each marginal: known table with integer, ordinal and missing cells', () => {
  const data = knownTable(5000, 31);
  const p: GaussianCopulaParams = fitGaussianCopula(data, new Rng(6));
  assertMarginals(data, sampleGaussianCopula(p, N, new Rng(7)));
});

test('copula samples match each marginal: the Adult fixture (capital-gain is 92 % zeros, workclass has "?")', () => {
  const data = fixtureTable();
  const s = sampleGaussianCopula(fitGaussianCopula(data, new Rng(8)), N, new Rng(9));
  assertMarginals(data, s);
});

test('copula samples keep the data\'s pair trends: Pearson of the values near the data\'s, unlike zero', () => {
  const data = knownTable(5000, 41, 0, true);
  const s = sampleGaussianCopula(fitGaussianCopula(data, new Rng(10)), N, new Rng(11));
  // hours and spend are linear in z2 and z4 (latent ρ = 0.5), so their Pearson r in the samples is the data's
  const want = pearson(data.columns[1], data.columns[3]);
  const got = pearson(s.columns[1], s.columns[3]);
  assert.ok(Math.abs(got - want) <= 3 * (1 - want * want) * Math.sqrt(1 / 5000 + 1 / N), `hours/spend ${got} vs data ${want}`);
  assert.ok(want > 0.45);
});

test('same seed → same samples; a different seed → different ones', () => {
  const p = fitGaussianCopula(fixtureTable(), new Rng(1));
  const a = sampleGaussianCopula(p, 50, new Rng(3));
  const b = sampleGaussianCopula(p, 50, new Rng(3));
  const c = sampleGaussianCopula(p, 50, new Rng(4));
  assert.deepEqual(a.columns.map((x) => Array.from(x)), b.columns.map((x) => Array.from(x)));
  assert.notDeepEqual(a.columns[2], c.columns[2]);
  assert.equal(sampleGaussianCopula(p, 0, new Rng(1)).rows, 0);
  assert.throws(() => sampleGaussianCopula(p, 2.5, new Rng(1)), /non-negative integer/);
});
