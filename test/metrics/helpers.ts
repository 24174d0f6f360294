// Test helpers for the metrics suite: fixture loading and relative comparisons.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { npyToFloat64, parseNpy } from '../../src/io/npy.js';
import type { Features } from '../../src/metrics/index.js';

/** Absolute path of a file in test/fixtures/metrics. */
export const fixturePath = (name: string): string =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metrics', name);

/** Loads an [N, d] fixture .npy as float64 Features. */
export function loadFeatures(name: string, extractor = 'fixture'): Features {
  const arr = parseNpy(readFileSync(fixturePath(name)), { rank: 2 });
  return { data: npyToFloat64(arr), n: arr.shape[0], d: arr.shape[1], extractor };
}

/** expected.json written by make_fixtures.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const expected: any = JSON.parse(readFileSync(fixturePath('expected.json'), 'utf8'));

/** Asserts |a − b| ≤ rel·|b| (or ≤ rel when b = 0). */
export function assertRel(actual: number, want: number, rel: number, what: string): void {
  const err = Math.abs(actual - want);
  assert.ok(err <= rel * Math.max(Math.abs(want), 1e-300) || (want === 0 && err <= rel), `${what}: got ${actual}, want ${want} (rel err ${err / Math.abs(want)})`);
}

/** Seeded Gaussian features [n, d] with the given shift and scale. */
export function gaussian(rng: { normal(): number }, n: number, d: number, shift = 0, scale = 1, extractor = 'test'): Features {
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = shift + scale * rng.normal();
  return { data, n, d, extractor };
}
