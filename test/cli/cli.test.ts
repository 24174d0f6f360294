// The CLI end to end on the tiny VAE: list, train, info, sample, eval nll, errors and Ctrl-C.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { stopTrainingMidway } from '../helpers/stop-training.js';
import { latestCheckpoint, latestMeta } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('list --json enumerates the registry', () => {
  const r = genlab('list', '--json');
  assert.equal(r.code, 0, r.err);
  const ids = JSON.parse(r.out).models.map((m: { id: string }) => m.id);
  assert.ok(ids.includes('vae'));
});

test('train → info → sample → eval nll on the tiny preset', () => {
  const dir = tempDir();
  const t = genlab('train', 'vae', '--preset', 'tiny', '--steps', '12', '--out', dir);
  assert.equal(t.code, 0, t.err);
  for (const f of ['model.json', 'weights.bin', 'config.schema.json', 'log.jsonl', 'metrics.json', 'samples.png', 'interpolation.png', 'report.html']) {
    assert.ok(existsSync(path.join(dir, f)), `${f} missing`);
  }
  // the checkpoint is one directory; model.json + weights.bin at the top are hard links to its primary network
  const ckpt = latestCheckpoint(dir);
  assert.equal(path.basename(ckpt), 'step-12');
  for (const f of ['model.json', 'weights.bin', 'encoder.json', 'encoder.bin', 'genlab.json', 'state.json', 'state.bin', 'manifest.json']) {
    assert.ok(existsSync(path.join(ckpt, f)), `checkpoint ${f} missing`);
  }
  assert.deepEqual(readFileSync(path.join(dir, 'weights.bin')), readFileSync(path.join(ckpt, 'weights.bin')));
  const log = readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(log.filter((r) => 'loss' in r && 'lr' in r).length, 12, 'one JSONL line per step');
  // ms is each step's own time: the 12 of them add up to less than the run's wall time (elapsed totals would not)
  const wallMs = 1000 * JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8')).wallTimeSec;
  const msSum = log.reduce((a, r) => a + (r.ms ?? 0), 0);
  assert.ok(msSum > 0 && msSum <= wallMs, `sum of per-step ms ${msSum} vs wall ${wallMs}`);
  assert.match(t.out, /^Trained vae for 12 steps in /);
  assert.match(t.out, /\(samples\.png, interpolation\.png, metrics\.json, report\.html, log\.jsonl, checkpoint\)/);
  const report = readFileSync(path.join(dir, 'report.html'), 'utf8');
  assert.ok(report.includes(`<pre class="command">genlab train vae --preset tiny --steps 12 --out ${dir}</pre>`), 'the command as typed');
  assert.match(report, /ms per step/);
  assert.match(report, /<svg/);
  assert.match(report, /data:image\/png;base64,/);
  assert.match(report, /wasm/);
  const info = genlab('info', dir, '--json');
  assert.equal(info.code, 0, info.err);
  assert.equal(JSON.parse(info.out).step, 12);
  const out = path.join(dir, 'grid.png');
  const s = genlab('sample', dir, '--n', '16', '--out', out);
  assert.equal(s.code, 0, s.err);
  assert.ok(readFileSync(out).subarray(1, 4).toString() === 'PNG');
  const e = genlab('eval', 'nll', dir, '--k', '5', '--n', '20', '--json');
  assert.equal(e.code, 0, e.err);
  const nll = JSON.parse(e.out);
  assert.equal(nll.k, 5);
  assert.equal(nll.n, 20);
  assert.ok(nll.nll > 50 && nll.nll < 800, `nll ${nll.nll}`);
});

test('bad input gives one clear line and exit code 1', () => {
  const cases: [string[], RegExp][] = [
    [['train', 'nope'], /Unknown model "nope". Registered models: vae/],
    [['train', 'vae', '--set', 'model.latentDm=3'], /Unknown config key 'model.latentDm'.*latentDim/],
    [['train', 'vae', '--preset', 'huge'], /no preset "huge"/],
    [['sample', '/no/such/run'], /not a genlab checkpoint: .*genlab.json is missing/],
    [['train', 'vae', '--preset', 'tiny', '--backend', 'metal'], /Unknown backend "metal"/],
    [['eval', 'nll', '/no/such/run'], /not a genlab checkpoint/],
  ];
  for (const [args, re] of cases) {
    const r = genlab(...args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, re);
    assert.ok(r.err.trim().split('\n').length <= 2, `one-line error expected, got:\n${r.err}`);
  }
});

test('Ctrl-C writes a checkpoint and exits 130; --resume continues it', async () => {
  const dir = tempDir();
  const { code, err } = await stopTrainingMidway(dir, ['train', 'vae', '--preset', 'tiny', '--steps', '100000'], 'SIGINT');
  assert.equal(code, 130, err);
  const meta = latestMeta(dir);
  assert.ok(meta.step > 0 && meta.step < 100000, `step ${meta.step}`);
  const printed = genlab('train', '--resume', dir, '--steps', String(meta.step + 5), '--print-config');
  assert.equal(JSON.parse(printed.out).train.steps, meta.step + 5, printed.err);
  assert.equal(latestMeta(dir).step, meta.step, '--print-config trains nothing');
  const r = genlab('train', '--resume', dir, '--steps', String(meta.step + 5));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^Trained vae for 5 steps \\(steps ${meta.step + 1}–${meta.step + 5}\\) in `));
  assert.ok(readFileSync(path.join(dir, 'report.html'), 'utf8').includes(`5 (steps ${meta.step + 1}–${meta.step + 5}, resumed)`));
  assert.equal(latestMeta(dir).step, meta.step + 5);
});
