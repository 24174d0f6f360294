// The per-span parts of the ctgan-step / tvae-step workloads timed alone on Adult's layout (batch 500),
// with bench/torch/tabular_span_ops.py as the PyTorch side: CTGAN's activations (tanh + Gumbel-softmax
// τ 0.2, forward and forward+backward), TVAE's reconstruction loss (forward+backward), and the seeded
// noise the steps draw. Prints one JSON line per part {name, ms: {min, median, max}}.
// Usage: node --import tsx bench/tabular/span-ops.mts [TABLE.csv] [--backend native] [--reps 30]
import { tf } from '../../src/engine/tf.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { Rng } from '../../src/random/rng.js';
import { activateSpans, tvaeReconstruction } from '../../src/models/tabular/span-ops.js';
import { benchTablePath } from '../lib/workloads.js';
import { openRecipeStep } from '../lib/recipe-step.js';
import { spanCode } from '../lib/table-twin.js';
import { timeSteps } from '../lib/step-timer.js';
import type { TableStepModel } from '../lib/table-twin.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const file = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : benchTablePath();
await initNodeEngine(arg('backend', 'native'));
const r = await openRecipeStep({ model: 'tvae', overrides: [`data.path=${file}`] });
const { spans, dim } = (r.session.model as unknown as TableStepModel).transformer;
const reps = Number(arg('reps', '30'));
const b = 500;
const rng = new Rng(3);
const raw = rng.normalTensor([b, dim]);
const x = r.session.data.train.batch(Array.from({ length: b }, (_, i) => i)).x; // real encoded rows [B, D]
const sigma = tf.fill([1, dim], 0.1);
const recon = tf.grads((a: tf.Tensor, s: tf.Tensor) => tvaeReconstruction(a, x, s, spans));
const activate = tf.grad((a: tf.Tensor) => tf.sum(activateSpans(a, spans, 0.2, rng)));
const parts: Record<string, () => void> = {
  'ctgan-activate-forward': () => tf.tidy(() => void activateSpans(raw, spans, 0.2, rng)),
  'ctgan-activate-forward-backward': () => activate(raw).dispose(),
  'tvae-reconstruction-forward-backward': () => recon([raw, sigma]).forEach((t) => t.dispose()),
  'normal-noise-500x128': () => rng.normalTensor([b, 128]).dispose(),
};
for (const [name, run] of Object.entries(parts)) {
  console.log(JSON.stringify({ name, side: 'genlab', backend: tf.getBackend(), spans: spanCode(spans), ms: timeSteps(() => run(), 3, reps, () => null) }));
}
[raw, x, sigma].forEach((t) => t.dispose());
r.session.dispose();
