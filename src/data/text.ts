// Character-level text corpora as in nanoGPT (data/shakespeare_char/prepare.py and train.py's
// get_batch): first 90 % train / last 10 % val, random windows of blockSize tokens with shifted targets.
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import type { Batch, Dataset } from './types.js';
import { CharTokenizer, type Tokenizer } from './tokenizer.js';
import { ByteBpeTokenizer } from './bpe.js';

/** Default context length of text datasets (nanoGPT's CPU "baby" shakespeare config). */
export const DEFAULT_BLOCK_SIZE = 64;

/** Splits token ids into the first `trainFraction` (train) and the rest (val), nanoGPT style. */
export function splitTrainVal(tokens: Int32Array, trainFraction = 0.9): { train: Int32Array; val: Int32Array } {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new Error(`trainFraction must lie in (0, 1), got ${trainFraction}.`);
  const cut = Math.floor(tokens.length * trainFraction);
  return { train: tokens.subarray(0, cut), val: tokens.subarray(cut) };
}

/** A token stream whose examples are windows: batch(starts) gives x = ids[s, s+T) and y = ids[s+1, s+T+1), both int32 [B, T]. */
export class TextDataset implements Dataset {
  readonly name: string;
  readonly kind = 'text' as const;
  readonly shape: number[];
  /** Number of window start offsets (tokens.length − blockSize). */
  readonly size: number;
  readonly tokens: Int32Array;
  readonly tokenizer: Tokenizer;
  readonly blockSize: number;

  constructor(name: string, tokens: Int32Array, tokenizer: Tokenizer, blockSize = DEFAULT_BLOCK_SIZE) {
    this.name = name;
    this.tokens = tokens;
    this.tokenizer = tokenizer;
    if (tokenizer.vocabSize < 2) {
      const only = tokenizer.vocabSize === 1 ? ` (only ${JSON.stringify(tokenizer.decode([0]))})` : '';
      throw new Error(`${name}: the vocabulary has ${tokenizer.vocabSize} symbol${only}; a language model needs at least 2 distinct symbols to predict — use a corpus with more than one distinct character.`);
    }
    this.blockSize = checkBlockSize(name, tokens.length, blockSize);
    this.shape = [blockSize];
    this.size = tokens.length - blockSize;
  }

  /** Vocabulary size of the tokenizer. */
  get vocabSize(): number {
    return this.tokenizer.vocabSize;
  }

  /** Start offsets of up to `limit` non-overlapping windows (0, T, 2T, …): a held-out evaluation covers each token once. */
  evalIndices(limit: number): Int32Array {
    const n = Math.min(limit, Math.floor(this.size / this.blockSize) + (this.size % this.blockSize > 0 ? 1 : 0));
    return Int32Array.from({ length: n }, (_, i) => i * this.blockSize);
  }

  /** Windows starting at `starts` (each in [0, size)): x and next-token targets y, int32 [B, blockSize]. */
  batch(starts: ArrayLike<number>): Batch {
    return this.windows(starts, this.blockSize);
  }

  /** nanoGPT get_batch: `batchSize` windows at uniform random starts drawn from `rng`; x, y int32 [B, T]. */
  sampleBatch(rng: Rng, batchSize: number, blockSize = this.blockSize): { x: tf.Tensor; y: tf.Tensor } {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${this.name}: batch size must be a positive integer, got ${batchSize}.`);
    checkBlockSize(this.name, this.tokens.length, blockSize);
    const starts = new Int32Array(batchSize);
    for (let b = 0; b < batchSize; b++) starts[b] = rng.int(this.tokens.length - blockSize);
    return this.windows(starts, blockSize) as { x: tf.Tensor; y: tf.Tensor };
  }

  private windows(starts: ArrayLike<number>, t: number): Batch {
    const n = starts.length;
    const max = this.tokens.length - t;
    if (n === 0) throw new Error(`${this.name}: batch() needs at least one start offset, got none.`);
    const xs = new Int32Array(n * t);
    const ys = new Int32Array(n * t);
    for (let b = 0; b < n; b++) {
      const s = starts[b];
      if (!Number.isInteger(s) || s < 0 || s >= max) {
        throw new Error(`${this.name}: window start ${s} is out of range; with block size ${t} starts must be integers 0..${max - 1}.`);
      }
      xs.set(this.tokens.subarray(s, s + t), b * t);
      ys.set(this.tokens.subarray(s + 1, s + t + 1), b * t);
    }
    return { x: tf.tensor2d(xs, [n, t], 'int32'), y: tf.tensor2d(ys, [n, t], 'int32') }; // [B, T] each
  }
}

function checkBlockSize(name: string, length: number, blockSize: number): number {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`${name}: block size must be a positive integer, got ${blockSize}.`);
  if (length < blockSize + 1) {
    throw new Error(
      `${name} has ${length} tokens, but block size ${blockSize} needs at least ${blockSize + 1} ` +
        `(one window plus its next-token target); use a smaller block size or a longer corpus.`,
    );
  }
  return blockSize;
}

/** Options for textDatasets. */
export interface TextDatasetOptions {
  name?: string;
  blockSize?: number;
  trainFraction?: number;
  /** 'char' (default: vocabulary from the whole corpus, as nanoGPT), 'bpe' (byte-level BPE learned on the train split) or a saved tokenizer. */
  tokenizer?: 'char' | 'bpe' | Tokenizer;
  /** Vocabulary size of a learned BPE (default 512). */
  vocabSize?: number;
}

/** Splits text before code point floor(n·trainFraction), the text analogue of splitTrainVal. */
function splitText(text: string, trainFraction: number): { train: string; val: string } {
  const cps = Array.from(text);
  const cut = Math.floor(cps.length * trainFraction);
  return { train: cps.slice(0, cut).join(''), val: cps.slice(cut).join('') };
}

/** Tokenizes a corpus (character level by default) and splits it into train (first 90 %) and test/val (last 10 %) TextDatasets. */
export function textDatasets(
  text: string,
  opts: TextDatasetOptions = {},
): { train: TextDataset; test: TextDataset; tokenizer: Tokenizer } {
  const { name = 'text', blockSize = DEFAULT_BLOCK_SIZE, trainFraction = 0.9 } = opts;
  if (text.length === 0) throw new Error(`${name}: the corpus is empty; a text dataset needs at least ${blockSize + 1} characters per split.`);
  let tokenizer: Tokenizer;
  let train: Int32Array, val: Int32Array;
  if (opts.tokenizer === undefined || opts.tokenizer === 'char') {
    tokenizer = CharTokenizer.fromText(text);
    ({ train, val } = splitTrainVal(tokenizer.encode(text), trainFraction));
  } else {
    if (!(trainFraction > 0 && trainFraction < 1)) throw new Error(`trainFraction must lie in (0, 1), got ${trainFraction}.`);
    const parts = splitText(text, trainFraction);
    tokenizer = opts.tokenizer === 'bpe' ? ByteBpeTokenizer.train(parts.train, opts.vocabSize ?? 512) : opts.tokenizer;
    train = tokenizer.encode(parts.train);
    val = tokenizer.encode(parts.val);
  }
  return {
    train: new TextDataset(`${name}/train`, train, tokenizer, blockSize),
    test: new TextDataset(`${name}/val`, val, tokenizer, blockSize),
    tokenizer,
  };
}

/** True when `d` is a TextDataset (narrows a Dataset of kind 'text'). */
export function isTextDataset(d: Dataset): d is TextDataset {
  return d instanceof TextDataset;
}
