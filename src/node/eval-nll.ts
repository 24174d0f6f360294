// Importance-weighted log-likelihood of a trained model on binarised test images
// (Burda et al. 2016, §5: k importance samples, stochastically binarised MNIST test digits).
import { tf } from '../engine/tf.js';
import { Rng } from '../random/rng.js';
import { isImportanceWeightedModel } from '../models/types.js';
import { makePrepare } from '../train/prepare.js';
import { evalBatches } from '../train/trainer.js';
import type { Session } from './session.js';

/** Result of an IWAE evaluation; `nll` is in nats per example (lower is better). */
export interface NllResult {
  nll: number;
  /** Standard error of the mean over examples. */
  stderr: number;
  k: number;
  n: number;
  binarize: string;
  seconds: number;
}

/** Estimates −log p(x) with k importance samples on the first n test examples. */
export function evaluateNll(
  s: Session,
  opts: { k: number; n: number; seed?: number; onProgress?: (done: number, total: number) => void },
): NllResult {
  const model = s.model;
  if (!s.spec.capabilities.likelihood || !isImportanceWeightedModel(model)) throw new Error(`Model "${s.spec.id}" cannot estimate likelihoods.`);
  if (!(opts.k >= 1) || !(opts.n >= 1)) throw new Error(`--k and --n must be positive integers (got k=${opts.k}, n=${opts.n}).`);
  const n = Math.min(opts.n, s.data.test.size);
  if (n < opts.n) throw new Error(`The test split has only ${s.data.test.size} examples; --n ${opts.n} asks for more.`);
  const t0 = performance.now();
  // binarised test digits are drawn once from a fixed seed, as the IWAE protocol does
  const binarize = s.config.data.binarize === 'none' ? 'none' : s.config.data.binarize;
  const prepare = makePrepare({ binarize });
  const chunk = Math.max(1, Math.floor(5000 / opts.k));
  const noise = new Rng(opts.seed ?? 0);
  const values: number[] = [];
  s.recipe.withSamplingWeights(() => {
    for (const batch of evalBatches(s.data.test, chunk, n, prepare, new Rng(123))) {
      const ll = tf.tidy(() => model.logLikelihood(batch.x, opts.k, noise));
      values.push(...Array.from(ll.dataSync()));
      ll.dispose();
      opts.onProgress?.(values.length, n);
    }
  });
  const nlls = values.map((v) => -v);
  const mean = nlls.reduce((a, b) => a + b, 0) / nlls.length;
  const sd = Math.sqrt(nlls.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, nlls.length - 1));
  return { nll: mean, stderr: sd / Math.sqrt(nlls.length), k: opts.k, n: nlls.length, binarize, seconds: (performance.now() - t0) / 1000 };
}
