// `genlab generate DIR` (autoregressive text, nanoGPT's sample.py), `genlab infill DIR` (fill `_` gaps
// with a masked-LM run) and `genlab attention DIR` (a layer/head's attention for a prompt as a PNG).
// `generate` runs in chunks: one sample streams to stdout as it grows; several are held, within a memory limit.
import { open } from 'node:fs/promises';
import { tf } from '../../engine/tf.js';
import { heatmap } from '../../io/png.js';
import { Rng } from '../../random/rng.js';
import type { Tokenizer } from '../../data/tokenizer.js';
import { isAttentionModel, isInfillModel, isTextModel, type TextModel, type TextSamplingOptions } from '../../models/types.js';
import { encodePng } from '../../node/png-codec.js';
import type { Session } from '../../node/session.js';
import { checkOutputFile, writeOutput } from '../../node/run-dir.js';
import { intOption, modelAs, seedOption, seedRow , type RunCommand } from '../options.js';
import { checkCount, countOption } from '../limits.js';

function numberOption(name: string, value: string | undefined, check: (v: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || !check(v)) throw new Error(`--${name} must be ${what}, got "${value}".`);
  return v;
}

function samplingOptions(o: Record<string, string | undefined>): TextSamplingOptions {
  return {
    temperature: numberOption('temperature', o.temperature, (v) => v >= 0, 'a number ≥ 0 (0 = greedy)'),
    topK: numberOption('top-k', o.topK, (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    topP: numberOption('top-p', o.topP, (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
  };
}

function tokenizer(s: Session): Tokenizer {
  if (!s.data.tokenizer) throw new Error(`Run of "${s.spec.id}" has no tokenizer; it was not trained on text.`);
  return s.data.tokenizer;
}

function encodePrompt(tok: Tokenizer, text: string): Int32Array {
  const ids = tok.encode(text);
  if (ids.length === 0) throw new Error('--prompt must hold at least one token.');
  return ids;
}

/** New tokens per model.generate call; each chunk is written (one sample) or counted on stderr (several). */
const CHUNK = 256;
/** Bytes a held token takes: its int32 id, and its decoded text twice (the string and the joined output). */
const TOKEN_BYTES = 4 + 2 * 2 * 4;

/**
 * Extends the prompts by `tokens` new tokens in chunks of CHUNK, handing each chunk's new ids to `each`.
 * The same as one call: the context is cropped to the last blockSize tokens either way, and the Rng is drawn
 * in the same order.
 */
async function generateInChunks(s: Session, model: TextModel, prompts: Int32Array[], tokens: number, opts: TextSamplingOptions, rng: Rng, each: (ids: Int32Array[], done: number) => Promise<void> | void): Promise<void> {
  let tails = prompts;
  for (let done = 0; done < tokens; ) {
    const k = Math.min(CHUNK, tokens - done);
    // withSamplingWeights swaps the EMA weights in synchronously, so it wraps each chunk, never an await
    const seqs = s.recipe.withSamplingWeights(() => model.generate(tails, k, opts, rng));
    done += k;
    await each(seqs.map((q) => q.subarray(q.length - k)), done);
    tails = seqs.map((q) => q.slice(Math.max(0, q.length - model.blockSize)));
  }
}

/** Decodes ids as they come, cutting only where the text does not end in a split UTF-8 character (byte-level BPE). */
class TextStream {
  private pending: number[] = [];
  constructor(private readonly tok: Tokenizer) {}
  /** The text of the ids so far that can be decoded whole; `end` flushes everything. */
  push(ids: ArrayLike<number>, end = false): string {
    this.pending.push(...Array.from(ids));
    let cut = this.pending.length;
    // a split character decodes to U+FFFD; hold back up to 3 tokens (a UTF-8 character has at most 4 bytes)
    for (let back = 0; !end && back < 3 && cut > 0 && this.tok.decode(this.pending.slice(0, cut)).endsWith('\uFFFD'); back++) cut--;
    const text = this.tok.decode(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
    return text;
  }
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

/** One sample, written to stdout (and --out) chunk by chunk: any --tokens runs in bounded memory and shows its progress. */
async function streamOne(s: Session, model: TextModel, prompt: Int32Array, tokens: number, o: Record<string, any>): Promise<void> {
  const tok = tokenizer(s);
  const file = o.out ? await open(o.out, 'w').catch((e: NodeJS.ErrnoException) => { throw new Error(`Cannot write --out ${o.out}: ${e.message}.`); }) : null;
  const stream = new TextStream(tok);
  const emit = async (text: string) => {
    await writeStdout(text);
    await file?.write(text);
  };
  try {
    await emit(stream.push(prompt));
    await generateInChunks(s, model, [prompt], tokens, samplingOptions(o), new Rng(seedOption(o.seed)), (ids, done) => emit(stream.push(ids[0]!, done === tokens)));
    await emit('\n');
  } finally {
    await file?.close();
  }
}

/** `genlab generate DIR`: continue a prompt with a text model. */
export const generateCommand: RunCommand = {
  name: 'generate', needs: ['generate'], dir: 'run directory of a gpt model',
  description: 'Generate text from a trained GPT run (temperature, top-k, top-p, prompt); one sample streams as it grows',
  options: [
    ['--prompt <text>', 'text to continue (default: a newline, as nanoGPT)', '\n'],
    ['--tokens <n>', 'new tokens per sample (one sample streams, so any count runs in bounded memory)', '500'],
    ['-n, --num-samples <n>', 'number of samples (held until all are done, within a memory limit)', '1'],
    ['--temperature <t>', 'softmax temperature; 0 = greedy', '0.8'],
    ['--top-k <k>', 'keep only the k most likely tokens', '200'],
    ['--top-p <p>', 'nucleus sampling: keep the most likely tokens up to mass p'],
    seedRow('1337'),
    ['-o, --out <file>', 'also write the samples to this file'],
  ],
  check(o) {
    samplingOptions(o);
    const n = countOption('num-samples', o.numSamples, 1);
    const tokens = countOption('tokens', o.tokens, 500);
    seedOption(o.seed);
    if (n > 1) {
      checkCount('tokens', tokens, n * TOKEN_BYTES, `the ${n} samples' tokens and text`, 'Pass -n 1 to stream one sample to stdout without a limit, or fewer --tokens.');
    }
  },
  async run(s, o) {
    const tok = tokenizer(s);
    const prompt = encodePrompt(tok, o.prompt);
    const n = countOption('num-samples', o.numSamples, 1);
    const tokens = countOption('tokens', o.tokens, 500);
    if (o.out) await checkOutputFile(o.out);
    const model = modelAs(s, isTextModel);
    if (n === 1) return streamOne(s, model, prompt, tokens, o);
    const seqs = Array.from({ length: n }, () => {
      const q = new Int32Array(prompt.length + tokens);
      q.set(prompt);
      return q;
    });
    const prompts = Array.from({ length: n }, () => prompt);
    const rng = new Rng(seedOption(o.seed));
    await generateInChunks(s, model, prompts, tokens, samplingOptions(o), rng, (ids, done) => {
      ids.forEach((q, i) => seqs[i]!.set(q, prompt.length + done - q.length));
      if (tokens > CHUNK) process.stderr.write(`generate: ${done}/${tokens} tokens of ${n} samples\n`);
    });
    const text = seqs.map((q) => tok.decode(q)).join('\n---------------\n') + '\n';
    process.stdout.write(text);
    if (o.out) await writeOutput(o.out, text);
  },
};

/** `genlab infill DIR`: fill `_` gaps with a masked LM. */
export const infillCommand: RunCommand = {
  name: 'infill', needs: ['infill'], dir: 'run directory of a gpt-mlm model',
  description: 'Fill the gaps (`_`, one token each) of a text with a trained gpt-mlm run',
  required: [['--text <text>', 'text with gaps, e.g. "To be, or not to __, that is the question"']],
  options: [
    ['--gap <char>', 'the gap marker', '_'],
    ['--temperature <t>', 'softmax temperature; 0 = most likely token', '0'],
    seedRow('1337'),
  ],
  check(o) {
    if (Array.from(o.gap as string).length !== 1) throw new Error(`--gap must be one character, got "${o.gap}".`);
    if (!(o.text as string).includes(o.gap)) throw new Error(`--text has no gaps; mark each missing token with "${o.gap}".`);
  },
  run(s, o) {
    const tok = tokenizer(s);
    const model = modelAs(s, isInfillModel);
    const ids: number[] = [];
    (o.text as string).split(o.gap).forEach((p, i) => {
      if (i > 0) ids.push(model.maskId);
      ids.push(...tok.encode(p));
    });
    const filled = s.recipe.withSamplingWeights(() => model.infill(Int32Array.from(ids), samplingOptions(o), new Rng(seedOption(o.seed))));
    process.stdout.write(tok.decode(filled) + '\n');
  },
};

/** `genlab attention DIR`: one layer/head's attention for a prompt as a PNG heatmap. */
export const attentionCommand: RunCommand = {
  name: 'attention', needs: ['attention'], dir: 'run directory of a gpt or gpt-mlm model',
  description: "Write a PNG heatmap of one layer/head's attention for a prompt (row = query, column = key)",
  required: [['--prompt <text>', 'the text to attend over (the last block-size tokens are used)']],
  options: [
    ['--layer <l>', 'block index, from 0', '0'],
    ['--head <h>', "head index from 0, or 'mean' over heads", '0'],
    ['--scale <s>', 'pixels per cell', '8'],
    ['-o, --out <file>', 'output PNG', 'attention.png'],
  ],
  async run(s, o) {
    const tok = tokenizer(s);
    const model = modelAs(s, isAttentionModel);
    const all = encodePrompt(tok, o.prompt);
    const ids = all.subarray(Math.max(0, all.length - model.blockSize));
    const t = ids.length;
    const layer = Number(o.layer);
    const att = s.recipe.withSamplingWeights(() => tf.tidy(() => model.attention(tf.tensor2d(ids, [1, t], 'int32'), layer))); // [1, H, T, T]
    const h = att.shape[1]!;
    const head = o.head === 'mean' ? -1 : Number(o.head);
    if (head !== -1 && !(Number.isInteger(head) && head >= 0 && head < h)) {
      att.dispose();
      throw new Error(`--head must be 'mean' or an integer in 0..${h - 1}, got "${o.head}".`);
    }
    const map = tf.tidy(() => (head === -1 ? tf.mean(att, [0, 1]) : tf.reshape(tf.slice(att, [0, head, 0, 0], [1, 1, t, t]), [t, t]))); // [T, T]
    const values = map.dataSync() as Float32Array;
    [att, map].forEach((x) => x.dispose());
    await writeOutput(o.out, encodePng(heatmap(values, t, t, { min: 0, scale: intOption('scale', o.scale, 8) })));
    const tokens = Array.from(ids, (id) => JSON.stringify(tok.decode([id])));
    process.stdout.write(`${o.out}: layer ${layer}, head ${o.head}, ${t}×${t} (rows = queries, columns = keys): ${tokens.join(' ')}\n`);
  },
};
