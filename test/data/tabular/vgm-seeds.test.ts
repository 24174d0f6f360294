// The whole fit (our k-means++ start, our Rng) against scikit-learn's fits for random_state 0..9: the
// start differs, so the checks are those sklearn itself meets across its own seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctCounts, fitVgm, fitVgmFromLabels, type VgmFit } from '../../../src/data/tabular/bayesian-gmm.js';
import { Rng } from '../../../src/random/rng.js';
import { fixture, ksToData, values } from './vgm-fixture.js';

function active(f: VgmFit) {
  const idx = f.weights.map((w, k) => [w, k]).filter(([w]) => w > 0.005).map(([, k]) => k).sort((a, b) => f.means[a] - f.means[b]);
  return { means: idx.map((k) => f.means[k]), weights: idx.map((k) => f.weights[k]), stds: idx.map((k) => Math.sqrt(f.covariances[k])) };
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

test('the weighted fit on distinct values equals the fit on the expanded column (age, sklearn start)', () => {
  const x = values('age');
  const labels = Int32Array.from(fixture.sameInit.age.labels, (c) => c.charCodeAt(0) - 48);
  const { values: v, counts } = distinctCounts(x);
  // sklearn's labels are a function of the value (nearest centre), so each distinct value has one label
  const groupLabels = new Int32Array(v.length);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== v[j]) j++;
    if (i > 0 && x[i] === x[i - 1]) assert.equal(labels[i], labels[i - 1]);
    groupLabels[j] = labels[i];
  }
  const full = fitVgmFromLabels(x, labels);
  const weighted = fitVgmFromLabels(v, groupLabels, {}, counts);
  assert.equal(weighted.iterations, full.iterations);
  for (let k = 0; k < 10; k++) {
    assert.ok(Math.abs(weighted.means[k] - full.means[k]) < 1e-9 * Math.abs(full.means[k]));
    assert.ok(Math.abs(weighted.covariances[k] - full.covariances[k]) < 1e-9 * full.covariances[k]);
    assert.ok(Math.abs(weighted.weights[k] - full.weights[k]) < 1e-12);
  }
});

// sklearn's active count is the same for all ten of its seeds on the Adult columns; mix3 gives 4–6
const COUNT_SET: Record<string, number[]> = { mix3: [4, 5, 6], age: [10], 'hours-per-week': [10], 'capital-gain': [5], 'capital-loss': [3] };

for (const name of Object.keys(COUNT_SET)) {
  test(`${name}: active components and fit quality as sklearn's, seeds 1–3`, () => {
    const x = values(name);
    const sk = fixture.seeds[name];
    // measured: ours 0.0243 (mix3), 0.0025 (age), 0.031 (hours), 0.0754, 0.0069 mean over 30 seeds; sklearn's medians 0.0245, 0.0024, 0.0235, 0.0754, 0.0068
    const ksTol = 2 * median(sk.map((s) => ksToData(s, name)));
    for (const seed of [1, 2, 3]) {
      const a = active(fitVgm(x, new Rng(seed)));
      assert.ok(COUNT_SET[name].includes(a.means.length), `${name} seed ${seed}: ${a.means.length} active components`);
      const ks = ksToData(a, name);
      assert.ok(ks <= ksTol, `${name} seed ${seed}: CDF gap to the data ${ks} > ${ksTol}`);
      if (name === 'capital-gain' || name === 'capital-loss') {
        // these columns' modes are stable across sklearn seeds: each sorted mean and weight within sklearn's range widened by its width
        a.means.forEach((m, k) => {
          for (const [mine, key, floor] of [[m, 'means', 1e-3 * Math.abs(m) + 1e-3], [a.weights[k], 'weights', 1e-4]] as const) {
            const theirs = sk.map((s) => s[key][k]);
            const lo = Math.min(...theirs);
            const hi = Math.max(...theirs);
            const w = Math.max(hi - lo, floor);
            assert.ok(mine >= lo - w && mine <= hi + w, `${name} ${key}[${k}] = ${mine}, sklearn [${lo}, ${hi}]`);
          }
        });
      }
      if (name === 'mix3') {
        // the outer modes are single components; the middle mode's mass (0.45 drawn) is split over the rest
        // (measured, seeds 1–3: outer means within 6e-4 of sklearn's median, middle mass within 5e-4)
        const sMin = sk.map((s) => s.means[0]);
        const sMax = sk.map((s) => s.means[s.means.length - 1]);
        assert.ok(Math.abs(a.means[0] - median(sMin)) < 0.002 && Math.abs(a.means[a.means.length - 1] - median(sMax)) < 0.002, `${a.means}`);
        const middle = a.weights.slice(1, -1).reduce((s, v) => s + v, 0);
        const skMiddle = median(sk.map((s) => s.weights.slice(1, -1).reduce((u, v) => u + v, 0)));
        assert.ok(Math.abs(middle - skMiddle) < 0.002, `middle mass ${middle} vs sklearn ${skMiddle}`);
      }
    }
  });
}
