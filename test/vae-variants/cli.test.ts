// The VAE-variant commands end to end on tiny runs: eval anomaly, eval mig, traverse, topics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('train vae on one class → eval anomaly --json reports AUROC/AUPRC; flags reach the subcommand', () => {
  const dir = tempDir();
  const t = genlab('train', 'vae', '--preset', 'tiny', '--steps', '10', '--set', 'data.trainClasses=1', '--out', dir);
  assert.equal(t.code, 0, t.err);
  const r = genlab('eval', 'anomaly', dir, '--n', '40', '--k', '2', '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.n, 40);
  assert.equal(j.k, 2);
  assert.deepEqual(j.normalClasses, [1]);
  assert.ok(j.auroc >= 0 && j.auroc <= 1 && j.auprc > 0 && j.auprc <= 1);
  const bad = genlab('eval', 'anomaly', dir, '--normal-class', 'x');
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /--normal-class takes class indices/);
});

test('beta-vae → eval mig and traverse; prodlda → topics', () => {
  const b = tempDir();
  assert.equal(genlab('train', 'beta-vae', '--preset', 'tiny', '--out', b).code, 0);
  const m = genlab('eval', 'mig', b, '--n', '200', '--json');
  assert.equal(m.code, 0, m.err);
  const j = JSON.parse(m.out);
  assert.equal(j.n, 200);
  assert.deepEqual(Object.keys(j.perFactor), ['shape', 'scale', 'rotation', 'x', 'y']);
  const tr = genlab('traverse', b, '--steps', '6');
  assert.equal(tr.code, 0, tr.err);
  assert.ok(existsSync(path.join(b, 'traversal.png')));
  const p = tempDir();
  assert.equal(genlab('train', 'prodlda', '--preset', 'tiny', '--out', p).code, 0);
  const tp = genlab('topics', p, '--top', '4');
  assert.equal(tp.code, 0, tp.err);
  assert.equal(tp.out.split('\n').filter((l) => l.startsWith('topic ')).length, 4);
  assert.match(tp.out, /mean NPMI -?\d\.\d+ \(random-word baseline -?\d\.\d+/);
  const wrong = genlab('topics', b);
  assert.match(wrong.err, /Model "beta-vae" cannot list topics; models that can: prodlda\./);
});
