// Φ, Φ⁻¹ and truncated normal draws of src/models/tabular/normal.ts against scipy.stats.norm
// and mpmath.ncdf (test/fixtures/tabular-copula/make_copula_fixture.py) and known truncated-normal moments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erfc, normalCdf, normalQuantile, truncatedNormal } from '../../src/models/tabular/normal.js';
import { Rng } from '../../src/random/rng.js';
import { fixture, meanSe } from './helpers.js';

const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

test('Φ matches mpmath.ncdf to 1e-14 relative, far lower tail included', () => {
  const { z, cdf } = fixture.normal;
  // below 2.2e-308 (z < −37.5) doubles are subnormal : compare those absolutely
  z.forEach((x: number, i: number) => assert.ok(cdf[i] < 2.3e-308 ? Math.abs(normalCdf(x) - cdf[i]) <= 1e-315 : rel(normalCdf(x), cdf[i]) <= 1e-14, `Φ(${x}) = ${normalCdf(x)}, mpmath ${cdf[i]}`));
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalCdf(Infinity), 1);
  assert.ok(Number.isNaN(normalCdf(NaN)));
});

test('Φ⁻¹ matches scipy.stats.norm.ppf to 1e-14 relative from p = 1e-300 to 1 − 1e-12', () => {
  const { p, ppf } = fixture.normal;
  // 1 − 1e-12 is not exact in float64, so its quantile carries the representation error (≈1e-5 relative in 1 − p)
  p.forEach((x: number, i: number) => assert.ok(rel(normalQuantile(x), ppf[i]) <= (x > 0.999999 ? 1e-9 : 1e-14), `Φ⁻¹(${x}) = ${normalQuantile(x)}, scipy ${ppf[i]}`));
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5), /p in \[0, 1\]/);
});

test('Φ⁻¹(Φ(z)) = z and erfc(−x) = 2 − erfc(x) across the three Cody intervals', () => {
  // above 0, Φ(z) = 1 − tail rounds to an ulp of 1 (1.1e-16), which moves z by up to 1.1e-16/φ(z)
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  for (let z = -8; z <= 8; z += 0.37) {
    const tol = 1e-14 * Math.max(1, Math.abs(z)) + (z > 0 ? 2.3e-16 / phi(z) : 0);
    assert.ok(Math.abs(normalQuantile(normalCdf(z)) - z) <= tol, `z = ${z}: ${normalQuantile(normalCdf(z))}`);
  }
  for (const x of [0.2, 0.46875, 0.5, 2, 4, 4.5, 10]) assert.ok(Math.abs(erfc(-x) - (2 - erfc(x))) <= 1e-15);
  assert.ok(Math.abs(erfc(1) - 0.15729920705028513) <= 1e-16); // erfc(1), a known constant
});

test('truncated normal draws stay in the interval and have the truncated mean φ(a)−φ(b) / (Φ(b)−Φ(a))', () => {
  const rng = new Rng(3);
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  for (const [lo, hi] of [[-Infinity, -1.2], [0.3, 0.9], [2.5, Infinity], [-0.2, 0.1], [6, 7]] as const) {
    const x = Float64Array.from({ length: 20000 }, () => truncatedNormal(rng, 0, 1, lo, hi));
    assert.ok(x.every((v) => v >= lo && v <= hi), `[${lo}, ${hi}]`);
    const want = (phi(lo) - phi(hi)) / (normalCdf(hi) - normalCdf(lo));
    const { mean, se } = meanSe(x);
    assert.ok(Math.abs(mean - want) <= 4 * se, `[${lo}, ${hi}]: mean ${mean}, want ${want} ± ${se}`);
  }
  // far past Φ's underflow the exponential-tail fallback still lands inside
  const far = truncatedNormal(rng, 0, 1, 40, 41);
  assert.ok(far >= 40 && far <= 41 && far < 40.2, `${far}`);
  // a shifted, scaled one: N(5, 2²) on [5, ∞) has mean 5 + 2·√(2/π)
  const y = Float64Array.from({ length: 20000 }, () => truncatedNormal(rng, 5, 2, 5, Infinity));
  const m = meanSe(y);
  assert.ok(Math.abs(m.mean - (5 + 2 * Math.sqrt(2 / Math.PI))) <= 4 * m.se, `${m.mean}`);
});
