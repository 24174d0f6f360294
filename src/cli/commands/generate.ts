// `genlab generate DIR` (autoregressive text, nanoGPT's sample.py), `genlab infill DIR` (fill `_` gaps
// with a masked-LM run) and `genlab attention DIR` (a layer/head's attention for a prompt as a PNG).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { tf } from '../../engine/tf.js';
import { heatmap } from '../../io/png.js';
import { Rng } from '../../random/rng.js';
import type { Tokenizer } from '../../data/tokenizer.js';
import type { TokenSamplingOptions } from '../../samplers/autoregressive.js';
import { initNodeEngine } from '../../node/engine.js';
import { encodePng } from '../../node/png-codec.js';
import { openSession, type Session } from '../../node/session.js';
import { globalBackend, intOption } from '../options.js';

/** What `generate` needs from a text model (the GPT family provides it). */
interface TextModel {
  blockSize: number;
  generate(prompts: Int32Array[], maxNew: number, opts: TokenSamplingOptions, rng: Rng): Int32Array[];
  attention(tokens: tf.Tensor, layer: number): tf.Tensor;
  infill?(ids: Int32Array, opts: TokenSamplingOptions, rng: Rng): Int32Array;
  maskId?: number;
}

async function openText(dir: string, cmd: Command): Promise<{ s: Session; model: TextModel; tok: Tokenizer }> {
  await initNodeEngine(globalBackend(cmd));
  const s = await openSession({ checkpoint: dir });
  const tok = s.data.tokenizer;
  if (!tok || typeof (s.model as Partial<TextModel>).generate !== 'function') {
    s.dispose();
    throw new Error(`${dir} holds a "${s.spec.id}" model, which does not generate text; train a gpt or gpt-mlm model.`);
  }
  return { s, model: s.model as unknown as TextModel, tok };
}

function numberOption(name: string, value: string | undefined, check: (v: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || !check(v)) throw new Error(`--${name} must be ${what}, got "${value}".`);
  return v;
}

function samplingOptions(o: Record<string, string | undefined>): TokenSamplingOptions {
  return {
    temperature: numberOption('temperature', o.temperature, (v) => v >= 0, 'a number ≥ 0 (0 = greedy)'),
    topK: numberOption('top-k', o.topK, (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    topP: numberOption('top-p', o.topP, (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
  };
}

function seedOption(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${value}".`);
  return seed;
}

/** Registers `generate`, `infill` and `attention`. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Generate text from a trained GPT run (temperature, top-k, top-p, prompt)')
    .argument('<dir>', 'run directory of a gpt model')
    .option('--prompt <text>', 'text to continue (default: a newline, as nanoGPT)', '\n')
    .option('--tokens <n>', 'new tokens per sample', '500')
    .option('-n, --num-samples <n>', 'number of samples', '1')
    .option('--temperature <t>', 'softmax temperature; 0 = greedy', '0.8')
    .option('--top-k <k>', 'keep only the k most likely tokens', '200')
    .option('--top-p <p>', 'nucleus sampling: keep the most likely tokens up to mass p')
    .option('--seed <n>', 'sampling seed', '1337')
    .option('-o, --out <file>', 'also write the samples to this file')
    .action(async (dir: string, o, cmd: Command) => {
      const { s, model, tok } = await openText(dir, cmd);
      try {
        const opts = samplingOptions(o);
        const prompt = tok.encode(o.prompt);
        if (prompt.length === 0) throw new Error('--prompt must hold at least one token.');
        const n = intOption('num-samples', o.numSamples, 1);
        const seqs = s.recipe.withSamplingWeights(() => model.generate(Array.from({ length: n }, () => prompt), intOption('tokens', o.tokens, 500), opts, new Rng(seedOption(o.seed))));
        const text = seqs.map((q) => tok.decode(q)).join('\n---------------\n') + '\n';
        process.stdout.write(text);
        if (o.out) await writeFile(o.out, text);
      } finally {
        s.dispose();
      }
    });

  program
    .command('infill')
    .description('Fill the gaps (`_`, one token each) of a text with a trained gpt-mlm run')
    .argument('<dir>', 'run directory of a gpt-mlm model')
    .requiredOption('--text <text>', 'text with gaps, e.g. "To be, or not to __, that is the question"')
    .option('--gap <char>', 'the gap marker', '_')
    .option('--temperature <t>', 'softmax temperature; 0 = most likely token', '0')
    .option('--seed <n>', 'sampling seed', '1337')
    .action(async (dir: string, o, cmd: Command) => {
      const { s, model, tok } = await openText(dir, cmd);
      try {
        if (!model.infill || model.maskId === undefined) throw new Error(`${dir} holds a "${s.spec.id}" model, which cannot fill gaps; train gpt-mlm.`);
        if (Array.from(o.gap as string).length !== 1) throw new Error(`--gap must be one character, got "${o.gap}".`);
        const parts = (o.text as string).split(o.gap);
        if (parts.length === 1) throw new Error(`--text has no gaps; mark each missing token with "${o.gap}".`);
        const ids: number[] = [];
        parts.forEach((p, i) => {
          if (i > 0) ids.push(model.maskId!);
          ids.push(...tok.encode(p));
        });
        const filled = s.recipe.withSamplingWeights(() => model.infill!(Int32Array.from(ids), samplingOptions(o), new Rng(seedOption(o.seed))));
        process.stdout.write(tok.decode(filled) + '\n');
      } finally {
        s.dispose();
      }
    });

  program
    .command('attention')
    .description("Write a PNG heatmap of one layer/head's attention for a prompt (row = query, column = key)")
    .argument('<dir>', 'run directory of a gpt or gpt-mlm model')
    .requiredOption('--prompt <text>', 'the text to attend over (the last block-size tokens are used)')
    .option('--layer <l>', 'block index, from 0', '0')
    .option('--head <h>', "head index from 0, or 'mean' over heads", '0')
    .option('--scale <s>', 'pixels per cell', '8')
    .option('-o, --out <file>', 'output PNG', 'attention.png')
    .action(async (dir: string, o, cmd: Command) => {
      const { s, model, tok } = await openText(dir, cmd);
      try {
        const all = tok.encode(o.prompt);
        if (all.length === 0) throw new Error('--prompt must hold at least one token.');
        const ids = all.subarray(Math.max(0, all.length - model.blockSize));
        const t = ids.length;
        const layer = Number(o.layer);
        const att = s.recipe.withSamplingWeights(() => tf.tidy(() => model.attention(tf.tensor2d(ids, [1, t], 'int32'), layer))); // [1, H, T, T]
        const h = att.shape[1]!;
        const head = o.head === 'mean' ? -1 : Number(o.head);
        if (head !== -1 && !(Number.isInteger(head) && head >= 0 && head < h)) throw new Error(`--head must be 'mean' or an integer in 0..${h - 1}, got "${o.head}".`);
        const map = tf.tidy(() => (head === -1 ? tf.mean(att, [0, 1]) : tf.reshape(tf.slice(att, [0, head, 0, 0], [1, 1, t, t]), [t, t])));
        const values = map.dataSync() as Float32Array;
        [att, map].forEach((x) => x.dispose());
        await writeFile(o.out, encodePng(heatmap(values, t, t, { min: 0, scale: intOption('scale', o.scale, 8) })));
        const tokens = Array.from(ids, (id) => JSON.stringify(tok.decode([id])));
        process.stdout.write(`${o.out}: layer ${layer}, head ${o.head}, ${t}×${t} (rows = queries, columns = keys): ${tokens.join(' ')}\n`);
      } finally {
        s.dispose();
      }
    });
}
