// Held-out loss of a GPT run two ways: genlab's (every validation token once, non-overlapping windows)
// and nanoGPT's estimate_loss (mean over eval_iters random batches of each split, train.py).
// Run: npx tsx bench/gpt-eval.ts DIR [--iters 200] [--batch 12] [--seed 1337] [--backend wasm] [--draws N]
// --draws N: the spread of nanoGPT's val estimate over N sampling seeds (its README's 1.88 used --eval_iters=20).
import { tf } from '../src/engine/tf.js';
import { Rng } from '../src/random/rng.js';
import { initNodeEngine } from '../src/node/engine.js';
import { openSession } from '../src/node/session.js';
import { evalBatches } from '../src/train/trainer.js';
import type { TextDataset } from '../src/data/text.js';
import type { LikelihoodModel } from '../src/models/types.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dir = process.argv[2];
if (!dir || dir.startsWith('--')) throw new Error('usage: npx tsx bench/gpt-eval.ts DIR [--iters 200] [--batch 12] [--seed 1337]');
const iters = Number(arg('iters', '200'));
await initNodeEngine(arg('backend', 'wasm'));
const s = await openSession({ checkpoint: dir });
const model = s.model as LikelihoodModel;
const batch = Number(arg('batch', String(s.config.train.batchSize)));
const t0 = performance.now();

function nanoEstimate(ds: TextDataset, seed: number): number {
  const rng = new Rng(seed);
  let sum = 0;
  for (let k = 0; k < iters; k++) {
    const b = ds.sampleBatch(rng, batch);
    sum += tf.tidy(() => model.loss(b, undefined, 'eval').loss.dataSync()[0]);
    b.x.dispose();
    b.y.dispose();
  }
  return sum / iters;
}

const seed = Number(arg('seed', '1337'));
const full = s.recipe.withSamplingWeights(() => s.recipe.evaluate!(evalBatches(s.data.test, 250, Number.MAX_SAFE_INTEGER, undefined, new Rng(7))));
const nanoVal = s.recipe.withSamplingWeights(() => nanoEstimate(s.data.test as TextDataset, seed));
const nanoTrain = s.recipe.withSamplingWeights(() => nanoEstimate(s.data.train as TextDataset, seed + 1));
const draws = Number(arg('draws', '0'));
const spread = draws > 0 ? s.recipe.withSamplingWeights(() => summarise(Array.from({ length: draws }, (_, i) => nanoEstimate(s.data.test as TextDataset, i + 1)))) : undefined;

function summarise(v: number[]) {
  const sorted = [...v].sort((a, b) => a - b);
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, v.length - 1));
  return { draws: v.length, mean, sd, min: sorted[0], median: sorted[v.length >> 1], max: sorted[v.length - 1], fractionAtMost1_88: v.filter((x) => x <= 1.88).length / v.length };
}
console.log(JSON.stringify({
  dir, model: s.spec.id, step: s.step, backend: tf.getBackend(),
  fullValLoss: full['eval/loss'], valTokens: (s.data.test as TextDataset).tokens.length,
  nanoGptEstimate: { iters, batchSize: batch, blockSize: s.config.data.blockSize, val: nanoVal, train: nanoTrain },
  valEstimateSpread: spread,
  seconds: (performance.now() - t0) / 1000,
}));
s.dispose();
