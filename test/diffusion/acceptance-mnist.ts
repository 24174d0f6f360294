// Acceptance evaluation for issue 6 on MNIST (not part of `npm test`): FID + guided label accuracy of a
// ddpm-cond run in a classifier's features, inpainting PSNR (centre 14×14 removed) vs the training-mean
// fill, and super-resolution PSNR (14×14 → 28×28) vs bicubic.
// Usage: npx tsx test/diffusion/acceptance-mnist.ts COND_DIR SR_DIR EXTRACTOR [n=1000] [steps=50] [guidance=2] [eta=1] [sampler=ddim]
// (sampler: any name of the scheduler table; '' as EXTRACTOR skips FID/accuracy, '' as SR_DIR the
// super-resolution, INPAINT_K=0 the inpainting.) The backend is GENLAB_BACKEND's, else the fastest available.
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { openSession } from '../../src/node/session.js';
import { loadExtractor } from '../../src/node/extractors.js';
import { evaluateImageGenerator } from '../../src/metrics/classifier-eval.js';
import type { DiffusionModel } from '../../src/models/diffusion/diffusion.js';
import { bicubic2x, psnr } from './image-metrics.js';

const [condDir, srDir, extractorId, nArg, stepsArg, gArg, etaArg, samplerArg] = process.argv.slice(2);
const n = Number(nArg ?? 1000), steps = Number(stepsArg ?? 50), guidance = Number(gArg ?? 2), eta = Number(etaArg ?? 1);
const sampler = samplerArg ?? 'ddim';
await initNodeEngine(); // GENLAB_BACKEND or auto (native when built)
const row: Record<string, number | string> = { n, sampler, steps, eta, guidance };
const t0 = performance.now();
const say = (what: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${what}\n`);

const cond = await openSession({ checkpoint: condDir });
const model = cond.model as DiffusionModel;
if (extractorId) {
  say(`FID and guided label accuracy on ${n} samples (${sampler} ${steps} steps, η ${eta}, guidance ${guidance})…`);
  const ex = await loadExtractor(extractorId);
  const clf = { features: ex.features, probabilities: ex.probabilities! };
  const sample = (m: number, rng: Rng, o = {}) => cond.recipe.withSamplingWeights(() => model.sample(m, rng, { ...o, sampler, steps, eta, guidance }));
  const ev = evaluateImageGenerator(sample, clf, cond.data.test, { n, numClasses: 10, batchSize: 100, extractor: ex.id });
  Object.assign(row, { fid: ev.fid, labelAccuracy: ev.labelAccuracy!, classifierTestAccuracy: ev.classifierTestAccuracy, fidSeconds: Math.round((performance.now() - t0) / 1000) });
}

say('inpainting…');
// inpainting: centre 14×14 of the first 100 test digits, RePaint (resample 5) vs the training-mean image
const m = Math.min(100, n, cond.data.test.size);
const test = cond.data.test.batch(Array.from({ length: m }, (_, i) => i));
const missing = tf.tidy(() => tf.pad(tf.ones([m, 14, 14, 1]), [[0, 0], [7, 7], [7, 7], [0, 0]]));
const mean = tf.tidy(() => {
  const tr = cond.data.train.batch(Array.from({ length: Math.min(10000, cond.data.train.size) }, (_, i) => i));
  const mu = tf.mean(tr.x, 0, true);
  tf.dispose([tr.x, tr.y]);
  return mu;
});
// One completion is a posterior sample (its expected squared error is twice the posterior variance, while
// the training mean is the unconditional least-squares fill), so the average of INPAINT_K completions
// — the posterior-mean estimate — is reported too.
const k = Number(process.env.INPAINT_K ?? 4);
if (k > 0) {
  const labels = Array.from(test.y!.dataSync());
  const fills = Array.from({ length: k }, (_, i) => cond.recipe.withSamplingWeights(() => model.inpaint(test.x, missing, new Rng(7 + i), { sampler, steps, eta, resample: 5, labels, guidance: 1 })));
  const avgFill = tf.tidy(() => tf.div(tf.addN(fills), k));
  const meanFill = tf.tidy(() => tf.add(tf.mul(test.x, tf.sub(1, missing)), tf.mul(mean, missing)));
  const mk = missing.dataSync();
  row.inpaintPsnr = psnr(fills[0].dataSync(), test.x.dataSync(), mk);
  row.inpaintK = k;
  row.inpaintMeanOfKPsnr = psnr(avgFill.dataSync(), test.x.dataSync(), mk);
  row.meanFillPsnr = psnr(meanFill.dataSync(), test.x.dataSync(), mk);
  tf.dispose([...fills, avgFill, meanFill]);
}
tf.dispose([missing, mean]);
cond.dispose();

if (srDir) {
  say('super-resolution…');
  // super-resolution: 2× average-pooled test digits → ddpm-sr vs bicubic
  const sr = await openSession({ checkpoint: srDir });
  const low = tf.tidy(() => tf.avgPool(test.x as tf.Tensor4D, 2, 2, 'valid'));
  const up = sr.recipe.withSamplingWeights(() => (sr.model as DiffusionModel).upscale(low, new Rng(8), { sampler, steps, eta }));
  row.srPsnr = psnr(up.dataSync(), test.x.dataSync());
  row.bicubicPsnr = psnr(bicubic2x(low.dataSync(), m, 14, 14, 1), test.x.dataSync());
  tf.dispose([low, up]);
  sr.dispose();
}
tf.dispose([test.x, test.y]);
row.seconds = Math.round((performance.now() - t0) / 1000);
process.stdout.write(JSON.stringify(row) + '\n');
