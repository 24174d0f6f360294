// GPT training-step speed on the current backend: ms/step of the likelihood recipe (forward, backward,
// clip, AdamW) at nanoGPT's CPU "baby" config on tinyshakespeare. Run: npx tsx bench/gpt-speed.ts [--backend wasm] [--steps 20]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { openRecipeStep } from './lib/recipe-step.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const backend = arg('backend', 'wasm');
const steps = Number(arg('steps', '20'));
const data = arg('data', '../shared/data/tinyshakespeare.txt');
await initNodeEngine(backend);
const stepper = await openRecipeStep({ model: 'gpt', preset: 'baby', overrides: [`data.path=${data}`, ...process.argv.filter((a) => a.includes('=') && !a.startsWith('--'))] });
const s = stepper.session;
const { batchSize } = s.config.train;
const times: number[] = [];
for (let step = 0; step < steps + 3; step++) {
  const batch = stepper.batch(step);
  const t0 = performance.now();
  stepper.step(step, batch);
  if (step >= 3) times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const fwd = (() => {
  const batch = stepper.batch(0);
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) tf.tidy(() => (s.model as unknown as { loss: (b: unknown) => { loss: tf.Scalar } }).loss(batch).loss.dataSync());
  batch.x.dispose();
  batch.y?.dispose();
  return (performance.now() - t0) / 5;
})();
console.log(JSON.stringify({ name: 'gpt-train-step', backend: tf.getBackend(), config: s.config.model, blockSize: s.config.data.blockSize, batchSize, msPerStepMedian: times[times.length >> 1], msForwardLoss: fwd, estimated2000StepsMin: (times[times.length >> 1] * 2000) / 60000 }));
s.dispose();
