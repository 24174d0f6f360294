// The mode-collapse benchmark: coverage statistics on samples with known answers, and
// `genlab bench modes --json` end to end on a few steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from '../../src/random/rng.js';
import { GRID25, RING8, sampleToy2d } from '../../src/data/toy2d.js';
import { meanStd, modeCoverage } from '../../src/metrics/mode-coverage.js';
import { tempDir } from '../helpers/tmp.js';

// the benchmark's own yardstick: the true distribution must score all modes and the χ²₂ mass within
// 3σ (1 − e^{−4.5} ≈ 98.9 %) high-quality, or every number in the table is off
for (const [name, mixture] of [['ring-8', RING8], ['grid-25', GRID25]] as const) {
  test(`samples of the true ${name} cover all ${mixture.centres.length} modes, ~98.9 % high-quality (χ²₂ mass within 3σ), KL ≈ 0`, () => {
    const s = sampleToy2d(name, 2500, new Rng(1));
    const c = modeCoverage(s.points, mixture);
    assert.equal(c.modesCovered, mixture.centres.length);
    assert.ok(Math.abs(c.highQuality - 100 * (1 - Math.exp(-4.5))) < 0.6, `high-quality ${c.highQuality}%`);
    assert.ok(c.kl < 0.02, `KL ${c.kl}`);
    assert.equal(c.counts.reduce((a, b) => a + b, 0), Math.round((c.highQuality / 100) * 2500));
  });
}

test('a generator collapsed onto one grid mode: 1 mode, 100 % high-quality, KL = log 25', () => {
  const points = new Float32Array(2 * 500).map((_, i) => (i % 2 === 0 ? 2.01 : -3.99));
  const c = modeCoverage(points, GRID25);
  assert.deepEqual([c.modesCovered, c.highQuality], [1, 100]);
  assert.ok(Math.abs(c.kl - Math.log(25)) < 1e-12);
  assert.equal(c.counts[GRID25.centres.findIndex(([x, y]) => x === 2 && y === -4)], 500);
});

test('thresholds: 3σ radius is inclusive, 10 samples cover a mode, 9 do not; no high-quality samples → KL = log K', () => {
  const r = 3 * RING8.sigma;
  const [ax, ay] = RING8.centres[0];
  const [bx, by] = RING8.centres[2];
  const pts: number[] = [];
  for (let i = 0; i < 10; i++) pts.push(ax + r * 0.999, ay); // on mode 0, just inside 3σ
  for (let i = 0; i < 9; i++) pts.push(bx, by + r * 0.5); // mode 2: one short of covered
  for (let i = 0; i < 5; i++) pts.push(ax + r * 1.01, ay); // just outside 3σ: not high-quality
  const c = modeCoverage(pts, RING8);
  assert.equal(c.modesCovered, 1);
  assert.ok(Math.abs(c.highQuality - (100 * 19) / 24) < 1e-9);
  const p0 = 10 / 19, p2 = 9 / 19;
  assert.ok(Math.abs(c.kl - (p0 * Math.log(8 * p0) + p2 * Math.log(8 * p2))) < 1e-12);
  const far = modeCoverage([10, 10, -10, 10], RING8);
  assert.deepEqual([far.modesCovered, far.highQuality, far.kl], [0, 0, Math.log(8)]);
  assert.deepEqual(meanStd([1, 2, 3]), { mean: 2, std: Math.sqrt(2 / 3) });
});

test('genlab bench modes --json prints {"results": [...]} and writes a scatter per model', () => {
  const out = tempDir();
  const cli = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', cli, 'bench', 'modes', '--models', 'gan,gan:pac2', '--datasets', 'ring', '--seeds', '2', '--steps', '4', '--samples', '200', '--set', 'train.batchSize=16', '--out', out, '--json'],
    { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } },
  );
  assert.equal(r.status, 0, r.stderr);
  const { results } = JSON.parse(r.stdout);
  assert.deepEqual(results.map((x: { model: string; dataset: string }) => `${x.model}/${x.dataset}`), ['gan/ring', 'gan:pac2/ring']);
  for (const row of results) {
    assert.deepEqual(Object.keys(row).sort(), ['dataset', 'highQuality', 'kl', 'model', 'modesCovered']);
    for (const k of ['modesCovered', 'highQuality', 'kl']) assert.ok(Number.isFinite(row[k].mean) && row[k].std >= 0, k);
  }
  assert.ok(existsSync(path.join(out, 'modes-gan-ring.png')) && existsSync(path.join(out, 'modes-gan_pac2-ring.png')));
  assert.equal(JSON.parse(readFileSync(path.join(out, 'modes.json'), 'utf8')).runs.length, 4);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, 'bench', 'modes', '--models', 'gann', '--seeds', '1'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /Unknown model "gann"/);
});
