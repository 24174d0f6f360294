// Training-step speed of any registry model through its own recipe (forward, backward, optimizer) on a
// chosen backend: ms/step over --steps after 3 warm-up steps. For issue 8's side-by-side table.
// Run: npx tsx bench/train-step.ts --model vae --preset quickstart train.batchSize=128 [--backend native] [--steps 30]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { openRecipeStep } from './lib/recipe-step.js';
import { peakRssMb, timeSteps } from './lib/step-timer.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const info = await initNodeEngine(arg('backend', 'wasm'));
const overrides = process.argv.filter((a) => a.includes('=') && !a.startsWith('--'));
const preset = process.argv.includes('--preset') ? arg('preset', '') : undefined; // default: the model's defaults
const r = await openRecipeStep({ model: arg('model', 'vae'), preset, overrides });
const msPerStep = timeSteps(r.step, 3, Number(arg('steps', '30')), r.batch);
const s = r.session;
console.log(JSON.stringify({
  name: `train-step-${s.spec.id}`, backend: tf.getBackend(), nativeThreads: info.nativeThreads, model: s.config.model,
  batchSize: s.config.train.batchSize, msPerStep, peakRssMb: peakRssMb(),
}));
s.dispose();
