// Issue 19 through the CLI: a kill -9 at a random moment of a run that checkpoints every step leaves a
// checkpoint that loads whole and resumes bit-identically to an uninterrupted run (log without repeated
// steps); the NaN stop names the 1-based step and a good checkpoint, and resuming it with a lower lr trains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { genlab } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { latestCheckpoint, latestMeta } from '../helpers/run-files.js';
import { resolveCheckpoint } from '../../src/node/checkpoint-store.js';
import { Rng } from '../../src/random/rng.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
const TRIALS = 2 * Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const TRAIN = ['--backend', 'cpu', 'train', 'vae', '--preset', 'tiny', '--steps', '40', '--set', 'train.checkpointEvery=1'];
const BINS = ['weights.bin', 'encoder.bin', 'state.bin'];

function loggedSteps(dir: string): number[] {
  return readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => 'lr' in r).map((r) => r.step);
}

/**
 * Runs the CLI and SIGKILLs it `extraMs` after checkpoint step `afterStep` appears (so the kill lands at a
 * random point of later writes however loaded the machine is); resolves with whether it landed before the end.
 */
function trainAndKill(out: string, afterStep: number, extraMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...TRAIN, '--out', out], { stdio: 'ignore' });
    const poll = setInterval(() => {
      if (!existsSync(path.join(out, 'checkpoints', `step-${afterStep}`))) return;
      clearInterval(poll);
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    }, 2);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve(signal === 'SIGKILL' && code === null);
    });
  });
}

test('kill -9 at a random moment: the run loads whole, resumes bit-identically, and its log has each step once', async (t) => {
  const reference = tempDir();
  const r = genlab(...TRAIN, '--out', reference);
  assert.equal(r.code, 0, r.err);
  const want = Object.fromEntries(BINS.map((f) => [f, readFileSync(path.join(latestCheckpoint(reference), f))]));
  const rng = new Rng(1019);
  const killedAt: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const dir = tempDir();
    const landed = await trainAndKill(dir, 2 + rng.int(30), 200 * rng.uniform());
    if (!landed) continue;
    const { dir: ckpt } = await resolveCheckpoint(dir); // throws on a torn or damaged checkpoint
    const step = JSON.parse(readFileSync(path.join(ckpt, 'genlab.json'), 'utf8')).step;
    killedAt.push(step);
    const resumed = genlab('--backend', 'cpu', 'train', '--resume', dir);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(latestMeta(dir).step, 40);
    for (const f of BINS) assert.ok(readFileSync(path.join(latestCheckpoint(dir), f)).equals(want[f]), `${f} after a kill at step ${step} and --resume differs from the uninterrupted run`);
    assert.deepEqual(loggedSteps(dir), Array.from({ length: 40 }, (_, i) => i + 1), 'log.jsonl holds steps 1…40 once each');
    assert.ok(!readdirSync(path.join(dir, 'checkpoints')).some((n) => n.endsWith('.tmp')), 'no temporary directory is left after the resumed run');
  }
  t.diagnostic(`kills landed at checkpoint steps ${killedAt.join(', ') || 'none'} of ${TRIALS} trials`);
  assert.ok(killedAt.length > 0, 'no kill landed before the run finished');
});

test('the NaN stop names the 1-based step and the last good checkpoint; --resume with a lower lr trains on from it', () => {
  const dir = tempDir();
  // lr climbs 0.1 per step (a warm-up to 1e9 over 1e10 steps): finite for a while, then NaN
  const r = genlab('--backend', 'cpu', 'train', 'vae', '--preset', 'tiny', '--steps', '200', '--out', dir,
    '--set', 'train.lr=1e9', '--set', 'train.warmupSteps=1e10', '--set', 'train.checkpointEvery=2', '--set', 'train.keepCheckpoints=2');
  assert.equal(r.code, 1);
  assert.match(r.err, /Loss 'loss' became NaN at step 23; training stopped\. The last good checkpoint is .*step-12 \(step 12\); later ones were set aside\./);
  // step 2's weights gave a loss 2e7 times step 1's at step 3: a jump, so not good although finite
  assert.deepEqual(readdirSync(path.join(dir, 'checkpoints')).sort(), ['good.json', 'step-12', 'step-20.diverged', 'step-22.diverged']);
  const resumed = genlab('--backend', 'cpu', 'train', '--resume', dir, '--set', 'train.lr=1e-3', '--set', 'train.warmupSteps=0', '--steps', '40');
  assert.equal(resumed.code, 0, resumed.err);
  assert.match(resumed.out, /Trained vae for 28 steps \(steps 13–40\)/);
  assert.deepEqual(loggedSteps(dir), Array.from({ length: 40 }, (_, i) => i + 1));
  const loss = JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8'))['eval/loss'];
  assert.ok(Number.isFinite(loss), `eval loss ${loss}`);
});

test('a loss that diverges at once leaves no good checkpoint and says so', () => {
  const dir = tempDir();
  const r = genlab('--backend', 'cpu', 'train', 'vae', '--preset', 'tiny', '--steps', '50', '--out', dir, '--set', 'train.lr=1e9', '--set', 'train.checkpointEvery=1');
  assert.equal(r.code, 1);
  assert.match(r.err, /became (NaN|-?Infinity) at step 2; training stopped\. No good checkpoint was written before it/);
  const again = genlab('--backend', 'cpu', 'train', '--resume', dir, '--set', 'train.lr=1e-3');
  assert.notEqual(again.code, 0);
  assert.match(again.err, /holds no complete checkpoint/);
});

test('info refuses damaged weights: a changed step by its hash, a legacy folder by its NaN weights', () => {
  const dir = tempDir();
  assert.equal(genlab('--backend', 'cpu', 'train', 'vae', '--preset', 'tiny', '--steps', '2', '--out', dir).code, 0);
  assert.equal(genlab('info', dir).code, 0);
  const ckpt = latestCheckpoint(dir);
  const legacy = tempDir();
  cpSync(ckpt, legacy, { recursive: true });
  rmSync(path.join(legacy, 'manifest.json'));
  const bin = readFileSync(path.join(ckpt, 'encoder.bin'));
  new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4).fill(Number.NaN);
  writeFileSync(path.join(ckpt, 'encoder.bin'), bin);
  const hashed = genlab('info', dir);
  assert.equal(hashed.code, 1);
  assert.match(hashed.err, /holds no complete checkpoint: .*step-2 cannot be loaded: encoder\.bin does not match its sha256/);
  writeFileSync(path.join(legacy, 'encoder.bin'), bin);
  const nan = genlab('info', legacy);
  assert.equal(nan.code, 1);
  assert.match(nan.err, /encoder\.bin holds NaN in weight ".*": the weights are damaged/);
});
