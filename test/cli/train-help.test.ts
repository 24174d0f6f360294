// `genlab train MODEL --help` lists the model's config keys (type, default, description from the zod
// schema); `--print-config` prints the resolved config and trains nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configKeyRows, formatConfigKeys } from '../../src/cli/config-help.js';
import { tempDir } from '../helpers/tmp.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('train vae --help: every config key with its type, default and description', () => {
  const r = genlab('train', 'vae', '--help');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Usage: genlab train \[options\] \[model\]/);
  assert.match(r.out, /Config keys of "vae"/);
  const row = (key: string) => r.out.split('\n').find((l) => l.trim().startsWith(key + ' '))?.trim().split(/\s{2,}/);
  assert.deepEqual(row('model.latentDim'), ['model.latentDim', 'integer > 0', '32', 'Dimension of the latent z.']);
  assert.deepEqual(row('model.decoder'), ['model.decoder', 'bernoulli|gaussian', '"bernoulli"', 'Likelihood p(x|z): Bernoulli on pixels in [0, 1], or a Gaussian with fixed std.']);
  assert.deepEqual(row('model.hidden'), ['model.hidden', '(integer > 0)[]', '[512,256]', 'Widths of the dense hidden layers of the encoder (after its convs for conv); the decoder uses them in reverse.']);
  assert.deepEqual(row('train.beta1'), ['train.beta1', 'number ≥ 0, ≤ 1', '0.9', 'Adam/AdamW β₁; SGD momentum (0 = plain SGD); unused by RMSProp.']);
  assert.deepEqual(row('data.trainSize'), ['data.trainSize', 'integer > 0', '—', 'keep the first N training examples (toy sets: number of training points)']);
  // a plain `train --help` has no model to describe
  const plain = genlab('train', '--help');
  assert.equal(plain.code, 0, plain.err);
  assert.ok(!plain.out.includes('Config keys'));
});

test('config key rows carry .describe() text; keys without one print an empty description', () => {
  const schema = z.strictObject({
    seed: z.number().int().default(1),
    model: z.strictObject({ latentDim: z.number().int().positive().default(8).describe('size of the latent code z'), mix: z.tuple([z.number(), z.number()]).default([0, 1]) }).prefault({}),
  });
  const rows = configKeyRows(schema);
  assert.deepEqual(rows, [
    { key: 'seed', type: 'integer', default: '1', description: '' },
    { key: 'model.latentDim', type: 'integer > 0', default: '8', description: 'size of the latent code z' },
    { key: 'model.mix', type: '[number, number]', default: '[0,1]', description: '' },
  ]);
  const text = formatConfigKeys('toy', rows);
  assert.ok(text.includes('  model.latentDim  integer > 0       8        size of the latent code z\n'), text);
  assert.ok(text.includes('  seed             integer           1\n'), text);
});

test('--print-config prints the resolved config (preset, file, --set) and trains nothing', () => {
  const dir = tempDir();
  const file = path.join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ model: { hidden: [7] } }));
  const out = path.join(dir, 'run');
  const r = genlab('train', 'vae', '--preset', 'tiny', '--config', file, '--set', 'model.latentDim=3', '--steps', '9', '--print-config', '--out', out);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out);
  assert.deepEqual([c.model.latentDim, c.model.hidden, c.train.steps, c.train.batchSize, c.model.decoder], [3, [7], 9, 16, 'bernoulli']);
  assert.ok(!existsSync(out), 'no run directory written');
  assert.equal(genlab('train', 'vae', '--print-config', '--set', 'model.nope=1').code, 1);
});
