// The tabular path through the CLI, as a user runs it: train on a CSV, sample CSV rows (with a
// condition), score them with `eval tabular`; and the refusals a user meets on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { genlab } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { latestCheckpoint } from '../helpers/run-files.js';
import { toyTable } from '../../src/data/tabular/toy-table.js';
import { writeTable } from '../../src/data/tabular/write-table.js';
import { readTable } from '../../src/data/tabular/read-table.js';

const work = tempDir();
const csv = path.join(work, 'toy.csv');
writeFileSync(csv, writeTable(toyTable(1500, 4)));
const run = path.join(work, 'run');

test('genlab train tvae --data FILE.csv → sample CSV in the same columns → eval tabular', () => {
  const t = genlab('train', 'tvae', '--data', csv, '--out', run, '--steps', '200', '--set', 'train.batchSize=100', '--set', 'model.compressDims=32', '--set', 'model.decompressDims=32', '--set', 'model.embeddingDim=8');
  assert.equal(t.code, 0, t.err);
  assert.ok(existsSync(path.join(latestCheckpoint(run), 'table-transformer.json')), 'the run keeps its row encoder');
  const out = path.join(work, 'synth.csv');
  const s = genlab('sample', run, '-n', '1200', '--out', out, '--seed', '3');
  assert.equal(s.code, 0, s.err);
  const text = readFileSync(out, 'utf8');
  assert.equal(text.split('\n')[0], 'x,group,count,flag');
  const real = readTable(readFileSync(csv, 'utf8'));
  const synth = readTable(text, { schema: real.schema }); // categories within the seen set, integers integers
  assert.equal(synth.rows, 1200);
  const cond = path.join(work, 'cond.csv');
  const c = genlab('sample', run, '-n', '50', '--out', cond, '--condition', 'group=c');
  assert.equal(c.code, 0, c.err);
  const ct = readTable(readFileSync(cond, 'utf8'), { schema: real.schema });
  assert.ok(ct.columns[1].every((v) => v === 2), 'every row has group=c');
  const e = genlab('eval', 'tabular', '--real', csv, '--split', '0.2', '--synthetic', out, '--target', 'flag', '--positive', 'true', '--report', path.join(work, 'report.html'), '--json');
  assert.equal(e.code, 0, e.err);
  const j = JSON.parse(e.out);
  assert.equal(j.rows.real, 1200);
  assert.equal(j.rows.holdout, 300);
  assert.ok(j.columnShapes > 0.7 && j.columnShapes <= 1, `column shapes ${j.columnShapes}`);
  assert.ok(j['utility.real.logistic.f1'] > 0.85, 'flag is predictable from x in the real rows');
  assert.ok(readFileSync(path.join(work, 'report.html'), 'utf8').includes('<svg'));
});

test('refusals name the problem: a missing file, a bad condition, a numeric condition, utility without a hold-out', () => {
  const missing = genlab('train', 'tvae', '--data', path.join(work, 'nope.csv'), '--out', path.join(work, 'r2'), '--steps', '1');
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /nope\.csv/);
  const bad = genlab('sample', run, '-n', '5', '--out', path.join(work, 'b.csv'), '--condition', 'group');
  assert.match(bad.err, /--condition takes column=value/);
  const unseen = genlab('sample', run, '-n', '5', '--out', path.join(work, 'b.csv'), '--condition', 'group=z');
  assert.match(unseen.err, /the training data's categories of 'group' are "a", "b", "c"/);
  const numeric = genlab('sample', run, '-n', '5', '--out', path.join(work, 'b.csv'), '--condition', 'x=1');
  assert.match(numeric.err, /it is a continuous column/);
  const noHoldout = genlab('eval', 'tabular', '--real', csv, '--synthetic', csv, '--target', 'flag', '--positive', 'true');
  assert.match(noHoldout.err, /pass --holdout FILE or --split FRACTION/);
});

test('--dp-epsilon with no --preset takes the model\'s "dp" preset (and says so); a named preset still wins', () => {
  const dp = genlab('train', 'tvae', '--data', csv, '--dp-epsilon', '8', '--print-config');
  assert.equal(dp.code, 0, dp.err);
  assert.match(dp.err, /preset "dp"/);
  const c = JSON.parse(dp.out);
  assert.deepEqual([c.model.learnSigma, c.model.lossFactor, c.model.embeddingDim, c.train.batchSize, c.train.dp.targetEpsilon], [false, 5, 32, 1000, 8]);
  const named = JSON.parse(genlab('train', 'tvae', '--data', csv, '--dp-epsilon', '8', '--preset', 'defaults', '--print-config').out);
  assert.deepEqual([named.model.learnSigma, named.model.lossFactor, named.train.batchSize], [true, 2, 500]);
  const plain = JSON.parse(genlab('train', 'tvae', '--data', csv, '--print-config').out);
  assert.deepEqual([plain.model.learnSigma, plain.model.lossFactor, plain.train.dp], [true, 2, undefined]);
});
