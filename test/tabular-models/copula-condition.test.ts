// Conditional sampling of the Gaussian copula: only the requested category comes back, correlated
// scores shift as the conditional Gaussian predicts (truncated-normal means, exact point conditioning),
// the Gibbs sampler for several categories agrees with rejection sampling, and bad conditions are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCopulaLatent, fitGaussianCopula, gaussianCopulaFromJSON, sampleCopulaLatent, sampleGaussianCopula } from '../../src/models/tabular/gaussian-copula.js';
import { cumulativeCounts, numericCdf, numericCdfInterval } from '../../src/models/tabular/marginals.js';
import { normalCdf, normalQuantile } from '../../src/models/tabular/normal.js';
import { Rng } from '../../src/random/rng.js';
import { fixtureTable, knownTable, meanSe } from './helpers.js';

const N = 20000;
const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

test('conditioning on a category returns only that category and shifts correlated scores by ρ·E[z | interval]', () => {
  const data = knownTable(N, 51);
  const p = fitGaussianCopula(data, new Rng(1));
  const d = p.latent.length;
  const z = sampleCopulaLatent(p, N, new Rng(2), { condition: { grade: 'high' } });
  // the grade scores all lie in the interval of 'high' (the top one: [Φ⁻¹(cum/n), ∞)) ...
  const m = p.marginals[2];
  assert.equal(m.type, 'discrete');
  if (m.type !== 'discrete') return;
  const cum = cumulativeCounts(m.counts);
  const a = normalQuantile(cum[2] / cum[3]);
  assert.ok(z[2].every((v) => v >= a), 'every grade score is inside the interval of high');
  // ... so decoding them (without writing the condition over them) gives 'high' in every row
  const decoded = decodeCopulaLatent(p, z);
  assert.ok(decoded.columns[2].every((c) => c === 2), 'decoded grade is high in every row');
  // E[z_g] = φ(a)/(1 − Φ(a)) and each other score has E[z_j | z_g] = R_jg·z_g, so E[z_j] = R_jg·φ(a)/(1 − Φ(a))
  const tail = phi(a) / (1 - normalCdf(a));
  const g = meanSe(z[2]);
  assert.ok(Math.abs(g.mean - tail) <= 3 * g.se, `E[z_grade] ${g.mean} vs ${tail}`);
  for (const j of [0, 1, 3]) {
    const want = p.correlation[j * d + 2] * tail;
    const got = meanSe(z[j]);
    assert.ok(Math.abs(got.mean - want) <= 3 * got.se, `E[z_${j} | high] ${got.mean} vs ${want} ± ${got.se}`);
  }
  // income (R = −0.31 with grade) drops in the output space too: decoding is monotone, so the share of
  // rows below the data's median income is the share of scores below that median's score (and above ½)
  const s = sampleGaussianCopula(p, N, new Rng(3), { condition: { grade: 'high' } });
  assert.ok(s.columns[2].every((c) => c === 2));
  const mi = p.marginals[0];
  if (mi.type !== 'numeric') throw new Error('income is numeric');
  const median = Float64Array.from(data.columns[0]).sort()[N / 2];
  const cut = normalQuantile(numericCdf(mi, median));
  const below = decoded.columns[0].filter((v) => v < median).length / N;
  assert.ok(Math.abs(below - z[0].filter((v) => v < cut).length / N) <= 2 / N, `P(income < median | high) = ${below}`);
  assert.ok(below > 0.55, `${below}`);
  const sBelow = s.columns[0].filter((v) => v < median).length / N;
  assert.ok(Math.abs(sBelow - below) <= 3 * Math.sqrt(2 * below * (1 - below) / N), `${sBelow} vs ${below}`);
});

test('conditioning on a numeric value fixes its score: the others are N(R·c, 1 − R²) exactly', () => {
  const p = fitGaussianCopula(knownTable(N, 52, 0, true), new Rng(4));
  const d = p.latent.length;
  const mh = p.marginals[1];
  if (mh.type !== 'numeric') throw new Error('hours is numeric');
  const c = normalQuantile(numericCdf(mh, 48));
  assert.ok(c > 0.9 && c < 1.1, `score of 48 hours ≈ 1, got ${c}`);
  const z = sampleCopulaLatent(p, N, new Rng(5), { condition: { hours: 48 } });
  assert.ok(z[1].every((v) => v === c));
  for (const j of [0, 2, 3]) {
    const rho = p.correlation[j * d + 1];
    const got = meanSe(z[j]);
    assert.ok(Math.abs(got.mean - rho * c) <= 3 * got.se, `E[z_${j} | hours] ${got.mean} vs ${rho * c}`);
    const v = got.se * got.se * N;
    assert.ok(Math.abs(v - (1 - rho * rho)) <= 3 * (1 - rho * rho) * Math.sqrt(2 / N), `Var ${v} vs ${1 - rho * rho}`);
  }
  const s = sampleGaussianCopula(p, 10, new Rng(6), { condition: { hours: 48 } });
  assert.ok(s.columns[1].every((v) => v === 48));
});

test('conditioning on a tied integer value confines its score to the ties\' interval (a truncated normal, not a point)', () => {
  const p = fitGaussianCopula(knownTable(N, 56), new Rng(12)); // hours = round(40 + 8·z2): about 5 % of rows are 40
  const d = p.latent.length;
  const mh = p.marginals[1];
  if (mh.type !== 'numeric') throw new Error('hours is numeric');
  const [ua, ub] = numericCdfInterval(mh, 40);
  assert.ok(ub - ua > 0.03 && ub - ua < 0.07 && ua < 0.5 && ub > 0.5, `[${ua}, ${ub}]`);
  const lo = normalQuantile(ua);
  const hi = normalQuantile(ub);
  const z = sampleCopulaLatent(p, N, new Rng(13), { condition: { hours: 40 } });
  assert.ok(z[1].every((v) => v >= lo && v <= hi));
  assert.ok(decodeCopulaLatent(p, z).columns[1].every((v) => v === 40), 'every score of the interval decodes to 40');
  // a narrow interval holds a nearly uniform truncated normal: its spread is (hi − lo)/√12, not 0
  const spread = meanSe(z[1]).se * Math.sqrt(N);
  assert.ok(Math.abs(spread / ((hi - lo) / Math.sqrt(12)) - 1) < 0.03, `sd ${spread} vs ${(hi - lo) / Math.sqrt(12)}`);
  const tmean = (phi(lo) - phi(hi)) / (normalCdf(hi) - normalCdf(lo));
  for (const j of [0, 2, 3]) {
    const got = meanSe(z[j]);
    const want = p.correlation[j * d + 1] * tmean;
    assert.ok(Math.abs(got.mean - want) <= 3 * got.se, `E[z_${j} | hours = 40] ${got.mean} vs ${want}`);
  }
});

test('two categories at once (Gibbs over both intervals) agree with rejection sampling from the unconditional copula', () => {
  // Adult fixture: sex = Female and income = >50K together cover about 4 % of the rows
  const data = fixtureTable();
  const p = fitGaussianCopula(data, new Rng(7));
  const cats = (j: number) => data.schema.columns[j].categories!;
  const female = cats(4).indexOf('Female');
  const rich = cats(7).indexOf('>50K');
  const gibbs = sampleCopulaLatent(p, N, new Rng(8), { condition: { sex: 'Female', income: '>50K' } });
  const dec = decodeCopulaLatent(p, gibbs);
  assert.ok(dec.columns[4].every((c) => c === female) && dec.columns[7].every((c) => c === rich));
  // rejection: unconditional draws whose decoded sex and income match
  const pool = sampleCopulaLatent(p, 250000, new Rng(9));
  const poolRows = decodeCopulaLatent(p, pool);
  const keep: number[] = [];
  for (let i = 0; i < 250000; i++) if (poolRows.columns[4][i] === female && poolRows.columns[7][i] === rich) keep.push(i);
  assert.ok(keep.length > 3000, `${keep.length} accepted`);
  let moved = 0;
  for (const l of [0, 2, 3, 4, 5, 6, 7]) {
    const a = meanSe(gibbs[l]);
    const b = meanSe(keep.map((i) => pool[l][i]));
    assert.ok(Math.abs(a.mean - b.mean) <= 3.5 * Math.hypot(a.se, b.se), `dimension ${l}: Gibbs ${a.mean} vs rejection ${b.mean}`);
    if (Math.abs(b.mean) > 0.2) moved++;
  }
  assert.ok(moved >= 3, 'the conditions move several scores (the comparison is not of two zeros)');
});

test('two strongly correlated categories conditioned against their correlation: Gibbs still matches rejection', () => {
  // z ~ N(0, R) with R_ab = 0.8; a = [z1 ≥ 0], b = [z2 ≥ 0.5], x = z3 (R_a3 = 0.6, R_b3 = 0.5); condition a = lo, b = hi,
  // a corner the correlation makes rare
  const n = 20000;
  const rng = new Rng(71);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e1 = rng.normal();
    const e2 = rng.normal();
    const e3 = rng.normal();
    const z1 = e1;
    const z2 = 0.8 * e1 + 0.6 * e2;
    const z3 = 0.6 * e1 + (0.5 - 0.48) / 0.6 * e2 + Math.sqrt(1 - 0.36 - ((0.5 - 0.48) / 0.6) ** 2) * e3;
    a[i] = z1 >= 0 ? 1 : 0;
    b[i] = z2 >= 0.5 ? 1 : 0;
    x[i] = z3;
  }
  const table = {
    schema: { columns: [
      { name: 'a', kind: 'boolean' as const, categories: ['lo', 'hi'], missing: 'none' as const },
      { name: 'b', kind: 'boolean' as const, categories: ['lo', 'hi'], missing: 'none' as const },
      { name: 'x', kind: 'continuous' as const, missing: 'none' as const },
    ] },
    rows: n,
    columns: [a, b, x],
  };
  const fitted = fitGaussianCopula(table, new Rng(72));
  // uniform scores inside each category's interval attenuate the latent 0.8 to about 0.32 (as SDV's do),
  // which Gibbs mixes through in a sweep or two: set the copula's own R to 0.9 to make mixing matter
  assert.ok(fitted.correlation[1] > 0.25, `R_ab = ${fitted.correlation[1]}`);
  const r = [1, 0.9, 0.6, 0.9, 1, 0.5, 0.6, 0.5, 1];
  const p = gaussianCopulaFromJSON(JSON.parse(JSON.stringify({ ...fitted, correlation: r })));
  const gibbs = sampleCopulaLatent(p, N, new Rng(73), { condition: { a: 'lo', b: 'hi' } });
  const pool = sampleCopulaLatent(p, 400000, new Rng(74));
  const rows = decodeCopulaLatent(p, pool);
  const keep: number[] = [];
  for (let i = 0; i < 400000; i++) if (rows.columns[0][i] === 0 && rows.columns[1][i] === 1) keep.push(i);
  assert.ok(keep.length > 4000, `${keep.length} accepted`);
  for (const l of [0, 1, 2]) {
    const g = meanSe(gibbs[l]);
    const r = meanSe(keep.map((i) => pool[l][i]));
    assert.ok(Math.abs(g.mean - r.mean) <= 3.5 * Math.hypot(g.se, r.se), `dimension ${l}: Gibbs ${g.mean} vs rejection ${r.mean}`);
  }
});

test('bad conditions are refused with the reason', () => {
  const t = knownTable(2000, 53);
  t.schema.columns[2] = { ...t.schema.columns[2], categories: ['low', 'mid', 'high', 'extreme'] };
  const p = fitGaussianCopula(t, new Rng(1));
  const rng = new Rng(2);
  assert.throws(() => sampleGaussianCopula(p, 5, rng, { condition: { colour: 'red' } }), /no such column \(columns: income, hours, grade, spend\)/);
  assert.throws(() => sampleGaussianCopula(p, 5, rng, { condition: { grade: 'top' } }), /not one of its categories \(low, mid, high, extreme\)/);
  assert.throws(() => sampleGaussianCopula(p, 5, rng, { condition: { grade: 'extreme' } }), /never appears in the training rows/);
  assert.throws(() => sampleGaussianCopula(p, 5, rng, { condition: { hours: 1000 } }), /within its training range/);
  // a column never observed cannot be conditioned on; one never missing never samples missing cells
  const empty = knownTable(300, 54, 0.1);
  empty.columns[3].fill(NaN);
  const pe = fitGaussianCopula(empty, new Rng(3));
  assert.throws(() => sampleGaussianCopula(pe, 5, rng, { condition: { spend: 100 } }), /no observed value/);
  assert.ok(sampleGaussianCopula(pe, 500, rng).columns[3].every(Number.isNaN), 'an all-missing column samples all missing');
  const full = knownTable(300, 55, 0);
  full.schema.columns[3] = { ...full.schema.columns[3], missing: 'indicator' };
  const pf = fitGaussianCopula(full, new Rng(4));
  assert.equal(pf.latent.length, 5);
  assert.ok(sampleGaussianCopula(pf, 2000, rng).columns[3].every(Number.isFinite));
  // a numeric condition on an indicator column also means "present"
  const s = sampleGaussianCopula(p, 200, rng, { condition: { spend: 100 } });
  assert.ok(s.columns[3].every((v) => v === 100));
});
