// A real full disk (a small tmpfs; needs root, skipped with a message otherwise): training that runs out of
// space stops with a message naming the file, the run loads as its last whole checkpoint and resumes once
// space is freed, and no half-written step or report is left behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { genlab } from '../helpers/spawn-cli.js';
import { resolveCheckpoint } from '../../src/node/checkpoint-store.js';

const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'genlab-full-disk-'));
let mounted = false;
before(() => {
  // 2 MB holds three tiny-VAE checkpoints (~0.6 MB each), not four
  const r = process.getuid?.() === 0 ? spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]) : null;
  mounted = r?.status === 0;
});
after(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

test('ENOSPC mid-checkpoint: a message naming the file, the last whole step loads, no torn step or report', (t) => {
  if (!mounted) {
    t.skip('needs root to mount a 2 MB tmpfs (mount -t tmpfs); run the suite as root to cover a real full disk');
    return;
  }
  const dir = path.join(mountPoint, 'run');
  const r = genlab('--backend', 'cpu', 'train', 'vae', '--preset', 'tiny', '--steps', '40', '--out', dir, '--set', 'train.checkpointEvery=2', '--set', 'train.keepCheckpoints=8');
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /Could not write .*checkpoints[/\\]step-(\d+)\.tmp[/\\][\w.]+: no space left on the device \(ENOSPC\)\. The run in .* is intact at its previous checkpoint/);
  const failedStep = Number(/step-(\d+)\.tmp/.exec(r.err)![1]);
  const names = readdirSync(path.join(dir, 'checkpoints'));
  assert.ok(!names.some((n) => n.endsWith('.tmp')), `the unfinished step was removed: ${names}`);
  assert.ok(!existsSync(path.join(dir, 'report.html')), 'no report from a failed run');
  return resolveCheckpoint(dir).then(({ dir: ckpt, notices }) => {
    assert.deepEqual(notices, []);
    const step = JSON.parse(readFileSync(path.join(ckpt, 'genlab.json'), 'utf8')).step;
    assert.equal(step, failedStep - 2, 'the last whole checkpoint is the one before the step that did not fit');
    // free space (drop the older steps), then resume to the end
    for (const n of names) if (n !== `step-${step}` && n !== 'good.json') rmSync(path.join(dir, 'checkpoints', n), { recursive: true });
    const resumed = genlab('--backend', 'cpu', 'train', '--resume', dir, '--steps', String(step + 2), '--set', 'train.keepCheckpoints=1');
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.out, new RegExp(`Trained vae for 2 steps \\(steps ${step + 1}–${step + 2}\\)`));
    assert.match(readFileSync(path.join(dir, 'report.html'), 'utf8'), /<\/html>\s*$/);
  });
});
