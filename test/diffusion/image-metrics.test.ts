// The acceptance helpers themselves: PSNR, the bicubic baseline and the RBF MMD².
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bicubic2x, psnr } from './image-metrics.js';
import { rbfMmd2 } from './mmd.js';
import { Rng } from '../../src/random/rng.js';

test('PSNR: 20 dB for a uniform error of 0.1; the mask restricts the pixels compared', () => {
  assert.ok(Math.abs(psnr([0.1, 0.1], [0, 0]) - 20) < 1e-9);
  assert.ok(Math.abs(psnr([0.1, 0.5], [0, 0], [1, 0]) - 20) < 1e-9);
});

test('bicubic 2×: constants stay constant; a linear ramp stays linear away from the borders', () => {
  const c = bicubic2x(new Float32Array(16).fill(0.3), 1, 4, 4, 1);
  assert.ok(c.every((v) => Math.abs(v - 0.3) < 1e-6));
  const ramp = Float32Array.from({ length: 8 * 8 }, (_, i) => (i % 8) / 10); // value = x/10
  const up = bicubic2x(ramp, 1, 8, 8, 1);
  for (let x = 4; x < 12; x++) assert.ok(Math.abs(up[5 * 16 + x] - ((x + 0.5) / 2 - 0.5) / 10) < 1e-6, `x=${x}`);
});

test('RBF MMD² ≈ 0 for two samples of one distribution, large for shifted ones', () => {
  const r = new Rng(1);
  const a = r.normalArray(600), b = r.normalArray(600);
  const c = b.map((v) => v + 2);
  assert.ok(Math.abs(rbfMmd2(a, b, 2, 1)) < 0.01);
  assert.ok(rbfMmd2(a, c, 2, 1) > 0.3);
});
