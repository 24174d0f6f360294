// Training-step speed of any registry model through its own recipe (forward, backward, optimizer) on a
// chosen backend: ms/step median over --steps after 3 warm-up steps. For issue 8's side-by-side table.
// Run: npx tsx bench/train-step.ts --model vae --preset quickstart train.batchSize=128 [--backend native] [--steps 30]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { openSession } from '../src/node/session.js';
import { batchIndicesAt } from '../src/data/batcher.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const backend = arg('backend', 'wasm');
const steps = Number(arg('steps', '30'));
const info = await initNodeEngine(backend);
const overrides = process.argv.filter((a) => a.includes('=') && !a.startsWith('--'));
const preset = process.argv.includes('--preset') ? arg('preset', '') : undefined; // default: the model's defaults
const s = await openSession({ modelId: arg('model', 'vae'), preset, overrides });
const { batchSize } = s.config.train;
const times: number[] = [];
for (let step = 0; step < steps + 3; step++) {
  const batch = s.data.train.batch(batchIndicesAt(step, batchSize, s.data.train.size, s.config.seed));
  const t0 = performance.now();
  s.recipe.step({ batch, step, lr: 1e-3 });
  if (step >= 3) times.push(performance.now() - t0);
  batch.x.dispose();
  batch.y?.dispose();
}
times.sort((a, b) => a - b);
const ms = (q: number) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2));
console.log(JSON.stringify({
  name: `train-step-${s.spec.id}`, backend: tf.getBackend(), nativeThreads: info.nativeThreads, model: s.config.model, batchSize,
  msPerStep: { min: ms(0), median: ms(0.5), max: ms(1) },
}));
s.dispose();
