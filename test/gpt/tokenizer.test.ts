// Tokenizers: byte-level BPE round-trips arbitrary Unicode (also text unseen in training), learns the
// expected first merge, survives JSON; text datasets with a learned BPE decode back to the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { ByteBpeTokenizer, pretokenize, tokenizerFromJSON } from '../../src/data/bpe.js';
import { CharTokenizer } from '../../src/data/tokenizer.js';
import { textDatasets } from '../../src/data/text.js';

/** A random string of valid code points from many scripts (no lone surrogates). */
function randomUnicode(rng: Rng, n: number): string {
  const ranges: [number, number][] = [[0x00, 0x7f], [0xa0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x4e00, 0x9fff], [0x1f300, 0x1faff], [0x300, 0x36f], [0x200b, 0x200d], [0xfff0, 0xfffd], [0x10000, 0x10ffff]];
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = ranges[rng.int(ranges.length)];
    let cp = lo + rng.int(hi - lo + 1);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
    s += String.fromCodePoint(cp);
  }
  return s;
}

const corpus = 'To be, or not to be, that is the question:\nWhether \'tis nobler in the mind to suffer\n'.repeat(20) + 'Ça va? 世界 😀👍🏽 e\u0301\n';

test('byte-level BPE round-trips arbitrary Unicode, including text never seen in training', () => {
  const tok = ByteBpeTokenizer.train(corpus, 300);
  assert.equal(tok.vocabSize, 300);
  const rng = new Rng(42);
  for (let k = 0; k < 200; k++) {
    const s = randomUnicode(rng, 1 + rng.int(60));
    assert.equal(tok.decode(tok.encode(s)), s);
  }
  for (const s of ['', ' ', '\n\n  \t', corpus, 'Hello, 世界! 😀👍🏽 e\u0301 ñ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0000\t\n👨‍👩‍👧 ﷺ']) assert.equal(tok.decode(tok.encode(s)), s);
  assert.ok(tok.encode(corpus).length < new TextEncoder().encode(corpus).length / 2, 'merges compress the training text');
});

test('character tokenizer round-trips arbitrary Unicode built from the same text', () => {
  const rng = new Rng(7);
  for (let k = 0; k < 50; k++) {
    const s = randomUnicode(rng, 1 + rng.int(80));
    const tok = CharTokenizer.fromText(s);
    assert.equal(tok.decode(tok.encode(s)), s);
  }
});

test('BPE learns the most frequent pair first and applies merges by rank', () => {
  const tok = ByteBpeTokenizer.train('aaabdaaabac', 258);
  assert.deepEqual(tok.merges[0], [97, 97]); // "aa" occurs 4 times
  assert.deepEqual(tok.merges[1], [97, 98]); // then "ab" (tie with "aa"+"a", broken towards the smaller pair)
  assert.deepEqual(Array.from(tok.encode('aaab')), [256, 257]);
  assert.equal(new TextDecoder().decode(tok.tokenBytes(257)), 'ab');
});

test('pretokenize splits like GPT-2 and keeps every character', () => {
  assert.deepEqual(pretokenize("Hello world's  end!\n"), ['Hello', ' world', "'s", ' ', ' end', '!', '\n']);
  const s = randomUnicode(new Rng(3), 300);
  assert.equal(pretokenize(s).join(''), s);
});

test('tokenizer JSON round trip (char and bpe) and clear errors', () => {
  const bpe = ByteBpeTokenizer.train(corpus, 280);
  const again = tokenizerFromJSON(JSON.parse(JSON.stringify(bpe.toJSON())) as never);
  assert.deepEqual(Array.from(again.encode(corpus)), Array.from(bpe.encode(corpus)));
  const ch = CharTokenizer.fromText(corpus);
  assert.equal(tokenizerFromJSON(ch.toJSON()).decode(ch.encode('To be')), 'To be');
  assert.throws(() => ByteBpeTokenizer.train(corpus, 100), /vocabulary size must be an integer ≥ 256/);
  assert.throws(() => new ByteBpeTokenizer([[300, 1]]), /merge 0 \(300, 1\) must join two earlier tokens/);
  assert.throws(() => tokenizerFromJSON({ type: 'wordpiece' } as never), /expected type 'char' or 'bpe'/);
  assert.equal(bpe.decode([0xe4, 0xb8]), '\ufffd'); // truncated UTF-8 from sampling decodes to U+FFFD
});

test('text datasets with a learned BPE: 90/10 split of the text, tokens decode back to it', () => {
  const text = corpus.repeat(3);
  const { train, test: val, tokenizer } = textDatasets(text, { tokenizer: 'bpe', vocabSize: 300, blockSize: 16 });
  assert.equal(tokenizer.vocabSize, 300);
  const cps = Array.from(text);
  const cut = Math.floor(cps.length * 0.9);
  assert.equal(tokenizer.decode(train.tokens), cps.slice(0, cut).join(''));
  assert.equal(tokenizer.decode(val.tokens), cps.slice(cut).join(''));
  const idx = val.evalIndices(1000);
  assert.deepEqual(Array.from(idx.slice(0, 3)), [0, 16, 32]);
  assert.ok(idx[idx.length - 1] < val.size);
});
