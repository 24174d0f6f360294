// Fuzzes text reading and tokenizers (src/data/utf8.ts, tokenizer.ts, bpe.ts, text.ts, the `text` loader):
// NUL bytes, lone surrogates, invalid UTF-8, one-symbol and too-short corpora, damaged tokenizer JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { decodeText, findInvalidUtf8 } from '../../src/data/utf8.js';
import { CharTokenizer } from '../../src/data/tokenizer.js';
import { ByteBpeTokenizer, tokenizerFromJSON } from '../../src/data/bpe.js';
import { textDatasets } from '../../src/data/text.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, outcome, outcomeAsync, rejects } from './fuzz.js';

const cases = new CaseCounter();
const SRC = 'fuzz/corpus.txt';
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// code units that make text hard: NUL, controls, combining marks, astral emoji halves, BOM, CR/LF
const hardUnit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\0', '\t', '\u0301', '\ufeff', '\ud83d', '\ude00', '😀', 'é', '世', '\uffff', "'", 's');
const hardText = fc.string({ unit: hardUnit, maxLength: 40 });
const wellFormed = fc.string({ unit: 'grapheme', maxLength: 30 });

test('issue 19 item 10: a one-symbol corpus is a clear error, not tfjs\'s "Error in oneHot: depth must be >=2"', async () => {
  rejects(() => textDatasets('a'.repeat(500), { blockSize: 8 }), undefined, /vocabulary has 1 symbol \(only "a"\); a language model needs at least 2 distinct symbols/);
  rejects(() => textDatasets('\0'.repeat(500), { blockSize: 8 }), undefined, /vocabulary has 1 symbol/);
  const file = path.join(tempDir('genlab-fuzz-text-'), 'one.txt');
  writeFileSync(file, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz');
  await assert.rejects(loadDataset({ name: 'text', path: file, blockSize: 4 }), (e: Error) => e.message.startsWith(`${file}: `) && /vocabulary has 1 symbol \(only "z"\)/.test(e.message));
  cases.add('one-symbol corpus', 3);
});

test('a corpus shorter than a block (in either split) is an error naming the file, the split and the block size', async () => {
  const dir = tempDir('genlab-fuzz-text-');
  await cases.check('short corpora', 40, fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '\n', '😀'), minLength: 2, maxLength: 60 }), fc.integer({ min: 2, max: 64 }), async (text, blockSize) => {
    const file = path.join(dir, 'short.txt');
    writeFileSync(file, text);
    const n = Array.from(text).length;
    const val = n - Math.floor(n * 0.9);
    await outcomeAsync(() => loadDataset({ name: 'text', path: file, blockSize }), file, (d) => {
      assert.ok(val >= blockSize + 1, `a ${val}-token val split was accepted for block size ${blockSize}`);
      assert.ok(d.train.size >= 1 && d.test.size >= 1);
    });
  }));
});

test('character tokenizer: any string (NUL, lone surrogates, BOM, emoji) round-trips through ids and JSON', () => {
  cases.check('char tokenizer', 200, fc.property(hardText.filter((s) => s.length > 0), (text) => {
    const tok = CharTokenizer.fromText(text);
    assert.equal(tok.decode(tok.encode(text)), text);
    const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    assert.equal(again.decode(tok.encode(text)), text);
  }));
});

test('byte-level BPE: well-formed text round-trips whatever the merges; a lone surrogate is an error, not a silent U+FFFD', () => {
  cases.check('bpe round-trip', 60, fc.property(fc.array(wellFormed, { minLength: 1, maxLength: 4 }), fc.integer({ min: 256, max: 300 }), (parts, vocab) => {
    const tok = ByteBpeTokenizer.train(parts.join(' '), vocab);
    for (const s of parts) assert.equal(tok.decode(tok.encode(s)), s);
    const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    assert.deepEqual(Array.from(again.encode(parts[0])), Array.from(tok.encode(parts[0])));
  }));
  cases.check('bpe lone surrogates', 100, fc.property(hardText, (text) => {
    const tok = new ByteBpeTokenizer([[97, 98]]);
    outcome(() => tok.encode(text), undefined, (ids) => assert.equal(tok.decode(ids), text), /lone surrogate \(U\+D[89A-F][0-9A-F]{2}\) at UTF-16 offset \d+/);
    if (LONE.test(text)) rejects(() => ByteBpeTokenizer.train(text, 260), undefined, /lone surrogate/);
  }));
});

/** Tokenizer JSON files as found on disk: valid ones with one field damaged, and arbitrary JSON. */
const damagedJson = fc.oneof(
  fc.jsonValue(),
  fc.record({ type: fc.constantFrom('char', 'bpe', 'BPE', '', 7, null), vocab: fc.anything(), merges: fc.anything() }, { requiredKeys: [] }),
  fc.record({ type: fc.constant('char'), vocab: fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer(), fc.constant(null), fc.array(fc.string())), { maxLength: 6 }) }),
  fc.record({
    type: fc.constant('bpe'),
    merges: fc.array(fc.oneof(
      fc.tuple(fc.integer({ min: -2, max: 300 }), fc.integer({ min: -2, max: 300 })),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.constantFrom(null, 5, 'ab', [], [1], [1.5, 2], ['97', '98'], { a: 1, b: 2 }),
    ), { maxLength: 8 }),
  }),
);

test('damaged tokenizer JSON (wrong or missing fields, merges of unknown ids, non-pairs) fails clearly or gives a working tokenizer', () => {
  cases.check('tokenizer JSON', 400, fc.property(damagedJson, (json) => {
    outcome(() => tokenizerFromJSON(json as never), undefined, (tok) => {
      const text = tok instanceof CharTokenizer ? tok.vocab.join('') : 'hello, wörld 😀';
      assert.equal(tok.decode(tok.encode(text)), text);
      assert.ok(tok.vocabSize >= 1);
    }, /Tokenizer|tokenizer/);
  }));
  rejects(() => tokenizerFromJSON({ type: 'bpe', merges: [[97, 98], [256, 999]] }), undefined, /merge 1 \(256, 999\) must join two earlier tokens \(ids below 257\)/);
  rejects(() => tokenizerFromJSON({ type: 'bpe', merges: [[97, 98], [97, 98]] }), undefined, /merge 1 \(97, 98\) repeats merge 0/);
  rejects(() => tokenizerFromJSON({ type: 'bpe', merges: [5] } as never), undefined, /merge 0 is 5; each merge is a pair/);
  rejects(() => tokenizerFromJSON({ type: 'char', vocab: ['a', null] } as never), undefined, /vocabulary entry 1 is null/);
  rejects(() => tokenizerFromJSON({ vocab: ['a'] } as never), undefined, /an object without a type field/);
  cases.add('tokenizer JSON (listed)', 5);
});

test('decodeText: any bytes decode to a string that re-encodes to them, or fail at the first invalid byte, named', () => {
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), wellFormed.map((s) => new TextEncoder().encode(s)), fc.array(fc.constantFrom(0x00, 0x41, 0xc3, 0xa9, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x90, 0xc0, 0xff, 0xef, 0xbb, 0xbf), { maxLength: 24 }).map((a) => Uint8Array.from(a)));
  cases.check('utf-8 decoding', 300, fc.property(bytes, (b) => {
    outcome(() => decodeText(b, SRC), SRC, (text) => {
      assert.deepEqual(new TextEncoder().encode(text), b.subarray(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0));
      assert.equal(findInvalidUtf8(b), -1);
    }, /not valid UTF-8 at byte offset \d+/);
    const at = findInvalidUtf8(b);
    if (at >= 0) {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, at)); // everything before the offset is valid
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, at + 4)));
    }
  }));
});

test('the text loader reads any bytes as a dataset or fails naming the file', async () => {
  const dir = tempDir('genlab-fuzz-text-');
  await cases.check('text loader (path named)', 30, fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 80 }), hardText.filter((s) => !LONE.test(s)).map((s) => new TextEncoder().encode(s.repeat(4)))), fc.constantFrom<'char' | 'bpe'>('char', 'bpe'), async (b, tokenizer) => {
    const file = path.join(dir, 'corpus.txt');
    writeFileSync(file, b);
    await outcomeAsync(() => loadDataset({ name: 'text', path: file, blockSize: 4, tokenizer, vocabSize: 260 }), file, (d) => {
      assert.ok(d.tokenizer!.vocabSize >= 2 && d.train.size >= 1 && d.test.size >= 1);
    });
  }));
});

test('report', (t) => cases.report(t, 'text'));
