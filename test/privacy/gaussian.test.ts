// The ziggurat normals behind DP-SGD's noise: Kolmogorov–Smirnov distance to Φ (computed from log erfc),
// moments, the tail beyond the base strip, reproducibility from the seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { zigguratNormal } from '../../src/privacy/gaussian.js';
import { logErfc } from '../../src/privacy/log-math.js';

const phi = (x: number) => 0.5 * Math.exp(logErfc(-x / Math.SQRT2));

test('ziggurat draws are standard normal: KS distance, mean, variance, kurtosis and tail mass', () => {
  const n = 200_000;
  const rng = new Rng(2024);
  const xs = Float64Array.from({ length: n }, () => zigguratNormal(rng));
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  const kurt = xs.reduce((a, x) => a + (x - mean) ** 4, 0) / n / variance ** 2;
  assert.ok(Math.abs(mean) < 4 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 4 * Math.sqrt(2 / n), `variance ${variance}`);
  assert.ok(Math.abs(kurt - 3) < 4 * Math.sqrt(96 / n), `kurtosis ${kurt}`);
  const sorted = xs.slice().sort();
  let d = 0;
  sorted.forEach((x, i) => { const f = phi(x); d = Math.max(d, f - i / n, (i + 1) / n - f); });
  assert.ok(d < 1.63 / Math.sqrt(n), `KS distance ${d} (1 % critical value ${1.63 / Math.sqrt(n)})`);
  // the tail beyond R = 3.4426 is drawn by its own sampler: its mass must be 2(1 − Φ(R)) = 5.76e-4
  const want = 2 * (1 - phi(3.442619855899));
  const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length / n;
  assert.ok(Math.abs(tail - want) < 4 * Math.sqrt(want / n), `tail ${tail} vs ${want}`);
  // within the tail, the conditional distribution is right too: P(|x| > 4 | |x| > R)
  const beyond4 = xs.filter((x) => Math.abs(x) > 4).length / n;
  assert.ok(Math.abs(beyond4 - 2 * (1 - phi(4))) < 5 * Math.sqrt((2 * (1 - phi(4))) / n), `beyond 4: ${beyond4}`);
});

test('same seed → same draws; different seeds → different draws', () => {
  const a = new Rng(7);
  const b = new Rng(7);
  const c = new Rng(8);
  const xa = Array.from({ length: 50 }, () => zigguratNormal(a));
  assert.deepEqual(xa, Array.from({ length: 50 }, () => zigguratNormal(b)));
  assert.notDeepEqual(xa, Array.from({ length: 50 }, () => zigguratNormal(c)));
});
