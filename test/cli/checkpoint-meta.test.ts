// A damaged genlab.json is refused naming the file and the key: no TypeError deep in resume, no run
// resumed from step −3 or from an all-zero RNG state. A published checkpoint's hash catches any edit
// first, so the schema is exercised on a legacy directory (genlab.json at the top, no manifest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trainRun } from '../../src/node/train-run.js';
import { readCheckpointMeta } from '../../src/node/checkpoint.js';
import { tempDir } from '../helpers/tmp.js';
import { latestCheckpoint } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');

test('damaged genlab.json fields are refused with the file and the key', async () => {
  const dir = tempDir();
  const run = tempDir();
  (await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=2'], out: run, backend: 'cpu', skipArtifacts: true })).session.dispose();
  cpSync(latestCheckpoint(run), dir, { recursive: true });
  rmSync(path.join(dir, 'manifest.json'));
  const file = path.join(dir, 'genlab.json');
  const good = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal((await readCheckpointMeta(dir)).step, 2);
  const cases: Array<[string, (m: any) => void, RegExp]> = [
    ['no config', (m) => delete m.config, /'config'/],
    ['negative step', (m) => (m.step = -3), /'step' .*>=0/],
    ['fractional step', (m) => (m.step = 2.5), /'step' expected int/],
    ['RNG state a string', (m) => (m.rng.data = 'abc'), /'rng\.data'/],
    ['all-zero RNG state', (m) => (m.rng.data.s = [0, 0, 0, 0]), /'rng\.data\.s' an all-zero RNG state/],
    ['RNG word out of range', (m) => (m.rng.data.s[2] = 2 ** 33), /'rng\.data\.s\.2'/],
    ['no networks', (m) => (m.networks = {}), /'networks' at least one network/],
    ['no model id', (m) => delete m.modelId, /'modelId'/],
  ];
  for (const [what, damage, re] of cases) {
    const m = structuredClone(good);
    damage(m);
    writeFileSync(file, JSON.stringify(m));
    await assert.rejects(readCheckpointMeta(dir), (e: Error) => {
      assert.match(e.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged: `), what);
      assert.match(e.message, re, what);
      return true;
    });
  }
  // through the CLI: one line, exit 1
  const m = structuredClone(good);
  m.step = -3;
  writeFileSync(file, JSON.stringify(m));
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'train', '--resume', dir, '--steps', '4'], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'cpu' } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^genlab: .*genlab\.json is damaged: 'step'/);
});
