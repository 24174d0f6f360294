import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digamma, fitVgmFromLabels, logGamma, logResponsibilities } from '../../../src/data/tabular/bayesian-gmm.js';
import { lloyd1d } from '../../../src/data/tabular/kmeans-1d.js';
import { ModeNormalizer } from '../../../src/data/tabular/mode-normalizer.js';
import { fixture, values } from './vgm-fixture.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('logGamma and digamma against known values', () => {
  // Γ(1/2) = √π, Γ(5) = 24, ψ(1) = −γ_E, ψ(1/2) = −γ_E − 2 ln 2, lgamma(1e-3) and lgamma(1e4) from scipy
  assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 5e-14);
  assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 5e-14);
  assert.ok(rel(logGamma(1e-3), 6.907178885383853) < 5e-14);
  assert.ok(rel(logGamma(1e4), 82099.71749644238) < 5e-14);
  const euler = 0.5772156649015329;
  assert.ok(Math.abs(digamma(1) + euler) < 5e-14);
  assert.ok(Math.abs(digamma(0.5) + euler + 2 * Math.LN2) < 5e-14);
  assert.ok(rel(digamma(1e-3), -1000.5755719318103) < 5e-14);
  assert.ok(rel(digamma(16280.5), 9.697692639713742) < 5e-14);
});

// The same k-means start as sklearn (its labels are in the fixture): the variational EM itself must agree.
for (const name of ['mix3', 'age', 'hours-per-week']) {
  test(`${name}: variational EM from sklearn's k-means labels reproduces BayesianGaussianMixture`, () => {
    const ref = fixture.sameInit[name];
    const x = values(name);
    const labels = Int32Array.from(ref.labels, (c) => c.charCodeAt(0) - 48);
    const fit = fitVgmFromLabels(x, labels);
    assert.equal(fit.iterations, ref.nIter);
    assert.equal(fit.converged, ref.converged);
    const worst = { means: 0, weights: 0, covariances: 0, proba: 0 };
    for (let k = 0; k < 10; k++) {
      worst.means = Math.max(worst.means, rel(fit.means[k], ref.means[k]));
      worst.covariances = Math.max(worst.covariances, rel(fit.covariances[k], ref.covariances[k]));
      worst.weights = Math.max(worst.weights, Math.abs(fit.weights[k] - ref.weights[k]));
    }
    const { logResp } = logResponsibilities(fit, Float64Array.from(ref.probe));
    ref.proba.forEach((row, i) => row.forEach((p, k) => { worst.proba = Math.max(worst.proba, Math.abs(Math.exp(logResp[i * 10 + k]) - p)); }));
    console.log(name, JSON.stringify(worst), 'lowerBound', fit.lowerBound, ref.lowerBound);
    assert.ok(worst.means < 1e-9 && worst.covariances < 1e-9 && worst.weights < 1e-9 && worst.proba < 1e-9, JSON.stringify(worst));
    assert.ok(rel(fit.lowerBound, ref.lowerBound) < 1e-9);
  });

  test(`${name}: Lloyd from fixed centres reproduces sklearn's KMeans`, () => {
    const ref = fixture.lloyd[name];
    const out = lloyd1d(values(name), Float64Array.from(ref.init));
    let worst = 0;
    ref.centers.forEach((c, k) => { worst = Math.max(worst, Math.abs(out.centers[k] - c)); });
    console.log(name, 'lloyd', worst, out.iterations, ref.nIter);
    assert.ok(worst < 1e-9, `centre error ${worst}`);
    assert.equal(out.iterations, ref.nIter);
  });
}

test("the mode posterior is sklearn's predict_proba over the active components, floored by 1e-6 (rdt) and renormalised", () => {
  for (const name of ['mix3', 'age']) {
    const ref = fixture.sameInit[name];
    const active = ref.weights.map((w, k) => (w > 0.005 ? k : -1)).filter((k) => k >= 0);
    const norm = new ModeNormalizer({ ...ref }, active);
    ref.probe.forEach((x, i) => {
      const want = active.map((k) => ref.proba[i][k] + 1e-6);
      const z = want.reduce((a, b) => a + b, 0);
      const got = norm.posterior(x);
      want.forEach((p, j) => assert.ok(Math.abs(got[j] - p / z) < 1e-9, `${name} x=${x} mode ${j}: ${got[j]} vs ${p / z}`));
      // α of mode j is (x − μ_j)/(4σ_j) with sklearn's means and √covariances
      active.forEach((k, j) => assert.ok(Math.abs(norm.alpha(x, j) - (x - ref.means[k]) / (4 * Math.sqrt(ref.covariances[k]))) < 1e-12));
    });
  }
});
