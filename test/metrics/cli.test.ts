// `genlab eval features` through commander: JSON output, metric selection and readable errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { registerEvalFeatures } from '../../src/cli/commands/eval-features.js';
import { writeNpy } from '../../src/io/npy.js';
import { Rng } from '../../src/random/rng.js';
import { assertRel, expected, fixturePath } from './helpers.js';
import { tempDir } from '../helpers/tmp.js';

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
  registerEvalFeatures(program.command('eval').exitOverride(), { write: (s) => (out += s) });
  program.commands[0].commands[0].exitOverride();
  await program.parseAsync(['node', 'genlab', 'eval', 'features', ...args]);
  return out;
}

const real = fixturePath('real.npy');
const fake = fixturePath('fake.npy');

test('prints one JSON object with every requested metric', async () => {
  const out = await run(['--real', real, '--fake', fake, '--json', '--seed', '7', '--kid-subset-size', '100']);
  assert.equal(out.trim().split('\n').length, 1);
  const r = JSON.parse(out);
  assert.deepEqual([r.extractor, r.featureDim, r.nReal, r.nGenerated], ['npy', 16, 300, 250]);
  assert.deepEqual(Object.keys(r.metrics), ['fid', 'kid', 'precision', 'recall', 'density', 'coverage']);
  assertRel(r.metrics.fid.value, expected.fid.real_fake, 1e-5, 'fid');
  assertRel(r.metrics.kid.mean, expected.kid.sub100_seed7.mean, 1e-5, 'kid');
  assert.equal(r.metrics.precision.value, expected.pr.k3.precision);
  assert.equal(r.metrics.coverage.value, expected.dc.k5.coverage);
});

test('--metrics selects metrics; without --json a table is printed', async () => {
  const r = JSON.parse(await run(['--real', real, '--fake', fake, '--metrics', 'recall,fid', '--json']));
  assert.deepEqual(Object.keys(r.metrics).sort(), ['fid', 'recall']);
  const table = await run(['--real', real, '--fake', fake, '--metrics', 'precision']);
  assert.match(table, /^features: npy, d=16, real N=300, generated N=250\nprecision +0\.524 \(k=3\)\n$/);
});

test('unknown metrics, missing files and bad arrays give clear errors', async () => {
  await assert.rejects(run(['--real', real, '--fake', fake, '--metrics', 'fid,is']), /Unknown metric 'is'; valid metrics: fid, kid/);
  await assert.rejects(run(['--real', '/nonexistent/r.npy', '--fake', fake]), /--real: cannot read '\/nonexistent\/r.npy': no such file/);
  await assert.rejects(run(['--real', real, '--fake', fixturePath('npy_rank1.npy')]), /--fake '.*npy_rank1.npy': \.npy: expected a 2-D array/);
  await assert.rejects(run(['--real', real, '--fake', fake, '--seed', 'x']), /--seed must be an integer/);
  const dir = tempDir('genlab-eval-');
  const rng = new Rng(1);
  const f = path.join(dir, 'f.npy');
  writeFileSync(f, writeNpy(Float32Array.from({ length: 40 * 8 }, () => rng.normal()), [40, 8]));
  await assert.rejects(run(['--real', real, '--fake', f]), /dimensions differ: real has d=16, generated has d=8/);
  await assert.rejects(run(['--fake', fake]), /required option '--real <file>' not specified/);
});
