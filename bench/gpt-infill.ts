// Infilling accuracy of a gpt-mlm run on held-out text: 15 % of the validation characters replaced by
// [MASK] (non-overlapping windows, one pass, argmax), plus examples of gap filling (most-confident first).
// Run: npx tsx bench/gpt-infill.ts DIR [--rate 0.15] [--seed 0] [--backend wasm]
import { tf } from '../src/engine/tf.js';
import { Rng } from '../src/random/rng.js';
import { initNodeEngine } from '../src/node/engine.js';
import { openSession } from '../src/node/session.js';
import type { TextDataset } from '../src/data/text.js';
import type { MaskedGpt } from '../src/models/gpt/masked.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dir = process.argv[2];
if (!dir || dir.startsWith('--')) throw new Error('usage: npx tsx bench/gpt-infill.ts DIR [--rate 0.15] [--seed 0]');
await initNodeEngine(arg('backend', 'wasm'));
const s = await openSession({ checkpoint: dir });
const model = s.model as MaskedGpt;
if (typeof model.infillAccuracy !== 'function') throw new Error(`${dir} is not a gpt-mlm run.`);
const val = s.data.test as TextDataset;
const tok = s.data.tokenizer!;
const rate = Number(arg('rate', '0.15'));
const t0 = performance.now();
const acc = s.recipe.withSamplingWeights(() => model.infillAccuracy(val.tokens, { rate, seed: Number(arg('seed', '0')) }));

// a baseline that knows no context: always the most frequent training character
const counts = new Map<number, number>();
for (const id of (s.data.train as TextDataset).tokens) counts.set(id, (counts.get(id) ?? 0) + 1);
const top = [...counts].sort((a, b) => b[1] - a[1])[0][0];
let hits = 0;
for (const id of val.tokens) hits += id === top ? 1 : 0;

// examples: gaps of 1–4 tokens cut from held-out lines, filled most-confident-first
const rng = new Rng(5);
const examples: { original: string; gapped: string; filled: string }[] = [];
for (let k = 0; k < 6; k++) {
  const start = rng.int(val.tokens.length - 80);
  const ids = val.tokens.slice(start, start + 60);
  const gapped = ids.slice();
  for (let g = 0; g < 3; g++) {
    const at = 5 + rng.int(50);
    const len = 1 + rng.int(4);
    for (let i = at; i < Math.min(60, at + len); i++) gapped[i] = model.maskId;
  }
  const filled = s.recipe.withSamplingWeights(() => model.infill(gapped, { temperature: 0 }));
  const show = (a: Int32Array) => Array.from(a, (id) => (id === model.maskId ? '_' : tok.decode([id]))).join('');
  examples.push({ original: show(ids), gapped: show(gapped), filled: show(filled) });
}
console.log(JSON.stringify({
  dir, model: s.spec.id, step: s.step, backend: tf.getBackend(), maskRate: rate,
  infillAccuracy: acc.accuracy, maskedTokens: acc.masked, mostFrequentCharBaseline: hits / val.tokens.length,
  seconds: (performance.now() - t0) / 1000, examples,
}, null, 1));
s.dispose();
