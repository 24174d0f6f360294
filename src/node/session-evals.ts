// Evaluations of a trained run's session (VAE variants, ProdLDA, labelled generators): one-class anomaly detection (An & Cho 2015),
// disentanglement by MIG (Chen et al. 2018), latent traversals, and ProdLDA topics with NPMI (Lau et al. 2014).
import { tf } from '../engine/tf.js';
import { Rng } from '../random/rng.js';
import type { ImportanceWeightedModel, LatentModel } from '../models/types.js';
import { auprc, auroc } from '../metrics/auc.js';
import { mutualInformationGap, type MigResult } from '../metrics/mig.js';
import { npmiCoherence, randomTopicsNpmi } from '../metrics/npmi.js';
import { drawShapes, ShapesDataset, SHAPE_FACTOR_SIZES } from '../data/shapes.js';
import { ImageDataset } from '../data/image-dataset.js';
import { BowDataset } from '../data/bow.js';
import { ProdLda, topWordIds } from '../models/topic/prodlda.js';
import { imageGrid, type RgbaImage } from '../io/png.js';
import { evalBatches } from '../train/trainer.js';
import type { Session } from './session.js';

/** Anomaly-detection result on the test split: normal = the given classes, anomaly = every other class. */
export interface AnomalyResult {
  auroc: number;
  auprc: number;
  normalClasses: number[];
  n: number;
  anomalies: number;
  /** Importance samples per score (1 = a one-sample negative ELBO). */
  k: number;
  /** Mean score (nats) of normal and anomalous examples. */
  meanScoreNormal: number;
  meanScoreAnomaly: number;
}

/**
 * Scores every test example by −log p̂(x) (IWAE bound with k samples; k = 1 is the negative ELBO estimate)
 * and reports AUROC/AUPRC with "anomaly" (any class outside `normalClasses`) as the positive class.
 * Pixels are scored as loaded (grey levels under the Bernoulli decoder's cross-entropy), without binarisation.
 */
export function evaluateAnomaly(s: Session, opts: { normalClasses?: number[]; k?: number; n?: number; seed?: number } = {}): AnomalyResult {
  const model = s.model as Partial<ImportanceWeightedModel>;
  if (!s.spec.capabilities.likelihood || !model.logLikelihood) throw new Error(`Model "${s.spec.id}" cannot score likelihoods; train a vae (or beta-vae) for anomaly detection.`);
  const normal = opts.normalClasses ?? s.config.data.trainClasses;
  if (!normal?.length) throw new Error('Say which classes are normal: --normal-class K (or train with --data.trainClasses K).');
  const k = opts.k ?? 1;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`--k must be a positive integer, got ${k}.`);
  const test = s.data.test;
  if (test.numClasses === undefined) throw new Error(`Anomaly evaluation needs labels on the test split; ${test.name} has none.`);
  const n = Math.min(opts.n ?? test.size, test.size);
  const noise = new Rng(opts.seed ?? 0);
  const scores: number[] = [];
  const labels: number[] = [];
  s.recipe.withSamplingWeights(() => {
    for (const batch of evalBatches(test, Math.max(1, Math.floor(4000 / k)), n, undefined, noise)) {
      const ll = tf.tidy(() => model.logLikelihood!(batch.x, k, noise)); // [B]
      scores.push(...Array.from(ll.dataSync(), (v) => -v));
      ll.dispose();
      labels.push(...Array.from(batch.y!.dataSync(), (y) => (normal.includes(y) ? 0 : 1)));
    }
  });
  const mean = (want: number) => {
    const v = scores.filter((_, i) => labels[i] === want);
    return v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  };
  return {
    auroc: auroc(scores, labels),
    auprc: auprc(scores, labels),
    normalClasses: normal,
    n: scores.length,
    anomalies: labels.reduce((a, b) => a + b, 0),
    k,
    meanScoreNormal: mean(0),
    meanScoreAnomaly: mean(1),
  };
}

/** Posterior means [N, L] of images given as uint8 pixels, encoded in batches. */
function encodeAll(s: Session, ds: ImageDataset): Float32Array {
  const model = s.model as LatentModel;
  const parts: Float32Array[] = [];
  s.recipe.withSamplingWeights(() => {
    for (let start = 0; start < ds.size; start += 500) {
      const batch = ds.batch(Array.from({ length: Math.min(500, ds.size - start) }, (_, i) => start + i));
      const mu = model.encode(batch.x); // [B, L]
      parts.push(mu.dataSync() as Float32Array);
      [mu, batch.x, batch.y].forEach((t) => t?.dispose());
    }
  });
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}

/** MIG of a latent model trained on 'shapes', on n fresh sprites drawn with `seed` (factors known). */
export function evaluateMig(s: Session, opts: { n?: number; seed?: number; bins?: number } = {}): MigResult & { n: number } {
  if (!s.spec.capabilities.latent || !(s.model as Partial<LatentModel>).encode) throw new Error(`Model "${s.spec.id}" has no latent space.`);
  if (!(s.data.train instanceof ShapesDataset)) throw new Error(`MIG needs known generative factors: train on data.name=shapes (this run used ${s.config.data.name}).`);
  const size = s.data.train.shape[0];
  const n = opts.n ?? 10000;
  const { pixels, factors } = drawShapes(n, new Rng(opts.seed ?? 20180101), size);
  const ds = new ShapesDataset('shapes/mig', pixels, size, factors);
  const latents = encodeAll(s, ds);
  return { ...mutualInformationGap(latents, factors, SHAPE_FACTOR_SIZES, { bins: opts.bins }), n };
}

/**
 * Latent traversal grid: row j decodes z = μ(x₀) with dimension j swept over `steps` values in
 * [−range, range] (x₀ = test example `index`), so each row shows what one latent controls.
 */
export function renderTraversal(s: Session, opts: { steps?: number; range?: number; index?: number } = {}): RgbaImage {
  const model = s.model as Partial<LatentModel>;
  if (!s.spec.capabilities.latent || !model.encode || !model.decode) throw new Error(`Model "${s.spec.id}" has no latent space to traverse.`);
  if (s.data.test.kind !== 'image') throw new Error(`Traversals are drawn for image models; ${s.data.test.name} is ${s.data.test.kind}.`);
  const steps = opts.steps ?? 10;
  const range = opts.range ?? 2.5;
  const batch = s.data.test.batch([opts.index ?? 0]);
  try {
    const grid = s.recipe.withSamplingWeights(() =>
      tf.tidy(() => {
        const mu = model.encode!(batch.x).dataSync(); // [L]
        const l = mu.length;
        const z = new Float32Array(l * steps * l); // [L·steps, L]
        for (let j = 0; j < l; j++) {
          for (let t = 0; t < steps; t++) {
            const row = (j * steps + t) * l;
            z.set(mu, row);
            z[row + j] = -range + (2 * range * t) / Math.max(1, steps - 1);
          }
        }
        return model.decode!(tf.tensor2d(z, [l * steps, l])); // [L·steps, H, W, C]
      }),
    );
    const [count, h, w, c] = grid.shape;
    const img = imageGrid(grid, count, h, w, c, { cols: steps });
    grid.dispose();
    return img;
  } finally {
    batch.x.dispose();
    batch.y?.dispose();
  }
}

/** A trained topic model's topics: top words, per-topic NPMI, mean NPMI and a random-word baseline. */
export interface TopicReport {
  topics: { words: string[]; npmi: number }[];
  meanNpmi: number;
  randomNpmi: number;
  /** Reference corpus size (documents of the train and test splits). */
  documents: number;
}

/** Top-`top` words of every topic of a ProdLDA run with NPMI over the run's own paragraphs as reference corpus. */
export function topicReport(s: Session, opts: { top?: number; seed?: number } = {}): TopicReport {
  if (!(s.model instanceof ProdLda)) throw new Error(`Model "${s.spec.id}" is not a topic model; train prodlda.`);
  const train = s.data.train;
  if (!(train instanceof BowDataset)) throw new Error(`Topics need a bag-of-words dataset (data.name=bow); this run used ${s.config.data.name}.`);
  const top = opts.top ?? 10;
  const k = s.model.latentDim;
  const ids = s.recipe.withSamplingWeights(() => topWordIds((s.model as ProdLda).topicWordWeights(), k, top));
  const docs = [...train.documentSets(), ...(s.data.test instanceof BowDataset ? s.data.test.documentSets() : [])];
  const coh = npmiCoherence(ids, docs);
  const randomNpmi = randomTopicsNpmi(train.vocab.length, Math.max(k, 50), top, docs, new Rng(opts.seed ?? 0));
  return {
    topics: ids.map((t, i) => ({ words: t.map((j) => train.vocab[j]), npmi: coh.perTopic[i] })),
    meanNpmi: coh.mean,
    randomNpmi,
    documents: docs.length,
  };
}

/** How often a conditional model's samples are classified as the label they were drawn for. */
export interface LabelAccuracy {
  accuracy: number;
  perClass: number[];
  perClassCount: number;
  classifier: string;
}

/** Draws `perClass` samples of every class from a conditional model and classifies them with `classifier`. */
export function evaluateLabelAccuracy(
  s: Session,
  classifier: { id: string; probabilities?(x: tf.Tensor): tf.Tensor },
  opts: { perClass?: number; seed?: number } = {},
): LabelAccuracy {
  const k = s.data.train.numClasses;
  if (!s.spec.capabilities.conditional || !k) throw new Error(`Model "${s.spec.id}" is not conditional; train cvae (or another conditional model).`);
  if (!classifier.probabilities) throw new Error(`Classifier ${classifier.id} has no probability head.`);
  const perClass = opts.perClass ?? 100;
  const rng = new Rng(opts.seed ?? 0);
  const hits = new Array<number>(k).fill(0);
  for (let c = 0; c < k; c++) {
    for (let done = 0; done < perClass; done += 250) {
      const n = Math.min(250, perClass - done);
      const x = s.recipe.withSamplingWeights(() => s.model.sample(n, rng, { labels: new Array<number>(n).fill(c) }));
      const pred = tf.tidy(() => tf.argMax(classifier.probabilities!(x), 1)); // [n]
      hits[c] += Array.from(pred.dataSync()).filter((p) => p === c).length;
      [x, pred].forEach((t) => t.dispose());
    }
  }
  const perClassAcc = hits.map((h) => h / perClass);
  return { accuracy: hits.reduce((a, b) => a + b, 0) / (perClass * k), perClass: perClassAcc, perClassCount: perClass, classifier: classifier.id };
}
