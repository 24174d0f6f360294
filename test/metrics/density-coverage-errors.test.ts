// Density/coverage names which side holds a bad feature (real or generated), like every other metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { densityCoverage } from '../../src/metrics/density-coverage.js';
import { gaussian } from './helpers.js';

test('a NaN or infinite feature is named by side, row and column', () => {
  const rng = new Rng(11);
  const real = gaussian(rng, 30, 4);
  const generated = gaussian(rng, 30, 4);
  real.data[4 * 3 + 1] = Number.NaN;
  assert.throws(() => densityCoverage({ real, generated }), /^Error: real: feature \[3, 1\] is NaN/);
  real.data[4 * 3 + 1] = 0;
  generated.data[4 * 5 + 2] = Infinity;
  assert.throws(() => densityCoverage({ real, generated }), /^Error: generated: feature \[5, 2\] is Infinity/);
});
