// FID's edges, found by mutation testing (npm run mutation -- src/metrics/fid.ts): N = d is refused and
// N = d + 1 is not, the message names the set and the sample count needed, and statistics of different
// widths are refused by frechetDistance itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { featureStatistics, fid, frechetDistance } from '../../src/metrics/fid.js';
import { gaussian } from './helpers.js';

test('N = d is refused (singular covariance), N = d + 1 is accepted', () => {
  const rng = new Rng(2);
  const square = gaussian(rng, 16, 16), enough = gaussian(rng, 17, 16), many = gaussian(rng, 40, 16);
  assert.throws(() => fid({ real: many, generated: square }), /generated has N=16 ≤ d=16\. Use more samples \(≥ 17;/);
  assert.ok(Number.isFinite(fid({ real: many, generated: enough })));
  assert.throws(() => featureStatistics(gaussian(rng, 3, 3)), /: features has N=3 ≤ d=3/);
});

test('frechetDistance refuses statistics of different widths', () => {
  const rng = new Rng(3);
  const a = featureStatistics(gaussian(rng, 20, 4)), b = featureStatistics(gaussian(rng, 20, 3));
  assert.throws(() => frechetDistance(a, b), /Statistics dimensions differ: 4 vs 3/);
});
