// The GPT family end to end on tiny presets: train (samples.txt, tokenizer.json), generate with a prompt
// and top-k/top-p, attention PNG, fine-tuning from --init with frozen blocks, masked-LM infilling.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tf } from '../../src/engine/tf.js';
import { trainRun } from '../../src/node/train-run.js';
import { resolveSessionConfig } from '../../src/node/session.js';
import { loadLayersModel } from '../../src/node/model-files.js';
import { decodePng } from '../../src/node/png-codec.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { latestCheckpoint } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const work = tempDir();
const corpusA = path.join(work, 'a.txt');
const corpusB = path.join(work, 'b.txt');
writeFileSync(corpusA, 'First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n'.repeat(40) + 'ROMEO:\nBut, soft! what light through yonder window breaks?\n');
writeFileSync(corpusB, 'ROMEO:\nBut, soft! what light through yonder window breaks?\n'.repeat(40));
const pre = path.join(work, 'pre');

before(async () => {
  await useBackend('wasm');
  const r = await trainRun({ modelId: 'gpt', preset: 'tiny', overrides: ['train.steps=30', `data.path=${corpusA}`], out: pre, backend: 'wasm' });
  r.session.dispose();
});

test('train writes samples.txt and the tokenizer; generate continues a prompt reproducibly', () => {
  for (const f of ['model.json', 'weights.bin', 'samples.txt', 'metrics.json']) assert.ok(existsSync(path.join(pre, f)), `${f} missing`);
  for (const f of ['model.json', 'weights.bin', 'tokenizer.json', 'genlab.json']) assert.ok(existsSync(path.join(latestCheckpoint(pre), f)), `checkpoint ${f} missing`);
  assert.equal(JSON.parse(readFileSync(path.join(latestCheckpoint(pre), 'tokenizer.json'), 'utf8')).type, 'char');
  const args = ['generate', pre, '--prompt', 'All:', '--tokens', '30', '--num-samples', '2', '--top-k', '5', '--top-p', '0.9', '--seed', '3'];
  const a = genlab(...args);
  assert.equal(a.code, 0, a.err);
  const samples = a.out.split('\n---------------\n');
  assert.equal(samples.length, 2);
  for (const smp of samples) assert.ok(smp.startsWith('All:') && Array.from(smp.trimEnd()).length >= 4, smp);
  assert.equal(genlab(...args).out, a.out, 'same seed → same text');
  const greedy = genlab('generate', pre, '--prompt', 'Sp', '--tokens', '10', '--temperature', '0');
  assert.equal(greedy.code, 0, greedy.err);
  const bad = genlab('generate', pre, '--prompt', 'Speak€', '--tokens', '5');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /character "€" \(U\+20AC\) at position 5 is not in the \d+-character vocabulary/);
  assert.match(genlab('generate', pre, '--top-p', '2').err, /--top-p must be a number in \(0, 1\]/);
});

test('a text run: the report shows the text samples, the message lists samples.txt (no samples.png)', () => {
  const report = readFileSync(path.join(pre, 'report.html'), 'utf8');
  const text = readFileSync(path.join(pre, 'samples.txt'), 'utf8');
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  assert.match(report, /<h2>Text samples<\/h2>/);
  assert.ok(report.includes(`<pre class="sample">${escaped}</pre>`), 'samples.txt shown in the report');
  const dir = path.join(work, 'msg');
  const t = genlab('train', 'gpt', '--preset', 'tiny', '--steps', '2', '--data', corpusA, '--out', dir);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /\(samples\.txt, metrics\.json, report\.html, log\.jsonl, checkpoint\)/);
  assert.ok(!t.out.includes('samples.png') && !existsSync(path.join(dir, 'samples.png')));
});

test('attention writes a T×T heatmap PNG of the chosen layer and head', () => {
  const out = path.join(work, 'att.png');
  const r = genlab('attention', pre, '--prompt', 'Speak, speak.', '--layer', '1', '--head', '1', '--scale', '2', '-o', out);
  assert.equal(r.code, 0, r.err);
  const img = decodePng(readFileSync(out));
  assert.equal(img.width, 13 * 2);
  assert.equal(img.height, 13 * 2);
  assert.match(genlab('attention', pre, '--prompt', 'Sp', '--head', '7').err, /--head must be 'mean' or an integer in 0\.\.1/);
});

test('--init fine-tunes on a new corpus: tokenizer kept, lower block frozen, steps counted from 0', async () => {
  const ft = path.join(work, 'ft');
  const r = await trainRun({ init: pre, overrides: ['train.steps=6', 'model.frozenBlocks=1', `data.path=${corpusB}`], out: ft, backend: 'wasm', skipArtifacts: true });
  assert.equal(r.result.step, 6);
  assert.equal((r.session.config.model as { nEmbd: number }).nEmbd, 16, 'architecture inherited from the init run');
  r.session.dispose();
  assert.equal(readFileSync(path.join(latestCheckpoint(ft), 'tokenizer.json'), 'utf8'), readFileSync(path.join(latestCheckpoint(pre), 'tokenizer.json'), 'utf8'));
  const a = await loadLayersModel(pre);
  const b = await loadLayersModel(ft);
  const fine = new Map(b.weights.map((w) => [w.originalName, w])); // frozen layers come last in tfjs' list
  assert.equal(fine.size, a.weights.length);
  a.weights.forEach((w) => {
    const same = tf.tidy(() => tf.all(tf.equal(w.read(), fine.get(w.originalName)!.read())).dataSync()[0] === 1);
    assert.equal(same, w.originalName.startsWith('block_0/'), `${w.originalName}`);
  });
  a.dispose();
  b.dispose();
  // order: defaults → init's model section → preset → overrides (the finetune preset's frozenBlocks applies)
  const { config } = await resolveSessionConfig({ init: pre, preset: 'finetune', overrides: ['train.steps=3'] });
  assert.deepEqual([(config.model as { frozenBlocks: number }).frozenBlocks, (config.model as { nEmbd: number }).nEmbd, config.data.blockSize, config.train.steps], [2, 16, 16, 3]);
  await assert.rejects(resolveSessionConfig({ init: pre, checkpoint: pre }), /either --init DIR .* or --resume DIR/);
  const bad = genlab('train', '--init', pre, '--set', 'model.nEmbd=32', '--steps', '1', '--data', corpusB, '--out', path.join(work, 'bad'));
  assert.equal(bad.code, 1);
  assert.match(bad.err, /Cannot start from .*its weights do not fit the configured model/);
});

test('gpt-mlm fills `_` gaps; a causal gpt refuses to', async () => {
  const mlm = path.join(work, 'mlm');
  const r = await trainRun({ modelId: 'gpt-mlm', preset: 'tiny', overrides: ['train.steps=10', `data.path=${corpusA}`], out: mlm, backend: 'wasm' });
  assert.ok(Number.isFinite(r.result.lastEval?.['eval/maskedAccuracy']));
  r.session.dispose();
  const f = genlab('infill', mlm, '--text', 'Speak, sp__k.');
  assert.equal(f.code, 0, f.err);
  const filled = f.out.replace(/\n$/, '');
  assert.equal(Array.from(filled).length, 'Speak, sp__k.'.length);
  assert.ok(filled.startsWith('Speak, sp') && filled.endsWith('k.') && !filled.includes('_'), filled);
  assert.match(genlab('infill', pre, '--text', 'a_b').err, /Model "gpt" cannot fill gaps; models that can: gpt-mlm\./);
  assert.match(genlab('infill', mlm, '--text', 'no gaps').err, /--text has no gaps/);
});
