// A run never lands on another run's (or a user's) files: `--out` into a non-empty folder is refused
// unless --overwrite (which empties it) or --resume into it; folders that cannot be made say why at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshRunDir, makeDirs } from '../../src/node/run-dir.js';
import { tempDir } from '../helpers/tmp.js';
import { latestCheckpoint, latestMeta } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'cpu' }, timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--out into a non-empty folder is refused and leaves it untouched; --overwrite empties it first', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'notes.txt'), 'mine');
  writeFileSync(path.join(dir, 'encoder.json'), '{}');
  const refused = genlab('train', 'vae', '--preset', 'tiny', '--steps', '2', '--out', dir);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /--out .* already holds files \(encoder\.json, notes\.txt\); a new run would mix with them\. Pass another --out, --resume .* or --overwrite/);
  assert.deepEqual(readdirSync(dir).sort(), ['encoder.json', 'notes.txt']);
  assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'mine');
  const over = genlab('train', 'vae', '--preset', 'tiny', '--steps', '2', '--out', dir, '--overwrite');
  assert.equal(over.code, 0, over.err);
  assert.ok(!existsSync(path.join(dir, 'notes.txt')), 'the stale file is gone');
  assert.equal(latestMeta(dir).step, 2);
  // the finished run is itself refused as a fresh --out, and --resume continues it in place
  assert.equal(genlab('train', 'vae', '--preset', 'tiny', '--steps', '2', '--out', dir).code, 1);
  const resumed = genlab('train', '--resume', dir, '--steps', '4');
  assert.equal(resumed.code, 0, resumed.err);
  assert.equal(latestMeta(dir).step, 4);
  // --steps below the run's step trains nothing and rewrites nothing
  const back = genlab('train', '--resume', dir, '--steps', '3');
  assert.equal(back.code, 1);
  assert.match(back.err, /is at step 4; train\.steps = 3 is below it, so there is nothing to train\. Pass --steps N with N > 4 to continue\./);
  assert.equal(latestMeta(dir).config.train.steps, 4);
});

test('an empty existing --out folder is used as it is', () => {
  const dir = tempDir();
  const r = genlab('train', 'vae', '--preset', 'tiny', '--steps', '1', '--out', dir);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(path.join(latestCheckpoint(dir), 'genlab.json')));
});

test('folders that cannot be made fail at once with the reason (no spin under /proc; a file in the way)', { skip: !existsSync('/proc/self') && 'no /proc' }, async () => {
  const t0 = performance.now();
  await assert.rejects(makeDirs('/proc/genlab-test/run'), /Cannot create the run directory \/proc\/genlab-test\/run: \/proc does not allow new folders/);
  assert.ok(performance.now() - t0 < 5000, 'no hang');
  const dir = tempDir();
  writeFileSync(path.join(dir, 'blocker'), '');
  await assert.rejects(makeDirs(path.join(dir, 'blocker', 'run')), /blocker is a file, not a folder/);
  await makeDirs(path.join(dir, 'a', 'b', 'c'));
  assert.ok(existsSync(path.join(dir, 'a', 'b', 'c')));
});

test('the default run directory name never collides', async () => {
  const base = path.join(tempDir(), 'vae-20261207-120000');
  assert.equal(await freshRunDir(base), base);
  mkdirSync(base);
  assert.equal(await freshRunDir(base), `${base}-2`);
  mkdirSync(`${base}-2`);
  assert.equal(await freshRunDir(base), `${base}-3`);
});
