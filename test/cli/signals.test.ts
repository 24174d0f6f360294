// SIGTERM (what kill, systemd, Docker and Kubernetes send) and SIGHUP (a closed terminal) stop training
// the way Ctrl-C does: a checkpoint at the step reached, a message, exit 143 / 129, and a resume from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { stopTrainingMidway } from '../helpers/stop-training.js';
import { latestMeta } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
const ENV = { ...process.env, GENLAB_BACKEND: 'wasm' };

async function stopMidway(signal: NodeJS.Signals): Promise<{ dir: string; code: unknown; err: string }> {
  const dir = tempDir();
  return { dir, ...(await stopTrainingMidway(dir, ['train', 'vae', '--preset', 'tiny', '--steps', '100000'], signal, ENV)) };
}

test('SIGTERM writes a checkpoint and exits 143; --resume continues it', async () => {
  const { dir, code, err } = await stopMidway('SIGTERM');
  assert.equal(code, 143, err);
  assert.match(err, /Stopped by SIGTERM: writing a checkpoint/);
  const meta = latestMeta(dir);
  assert.ok(meta.step > 0 && meta.step < 100000, `step ${meta.step}`);
  assert.match(err, new RegExp(`Checkpoint written to .* at step ${meta.step}\\.`));
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'train', '--resume', dir, '--steps', String(meta.step + 3)], { encoding: 'utf8', env: ENV });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^Trained vae for 3 steps \\(steps ${meta.step + 1}–${meta.step + 3}\\)`));
});

test('SIGHUP writes a checkpoint and exits 129', async () => {
  const { dir, code, err } = await stopMidway('SIGHUP');
  assert.equal(code, 129, err);
  assert.match(err, /Stopped by SIGHUP: writing a checkpoint/);
  assert.ok(latestMeta(dir).step > 0);
});
