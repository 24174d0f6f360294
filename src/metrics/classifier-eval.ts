// Scores an image generator with a trained classifier (genlab's stand-in for Inception on MNIST):
// FID between generated and real test images in the classifier's features (Heusel et al. 2017), and
// for conditional models the fraction of samples classified as the label they were asked for.
import { tf } from '../engine/tf.js';
import type { Dataset } from '../data/types.js';
import { Rng } from '../random/rng.js';
import { fid } from '../metrics/fid.js';
import type { Features } from '../metrics/features.js';

/** The parts of a trained classifier this evaluation uses. */
export interface FeatureClassifier {
  /** Penultimate features [B, F]. */
  features(x: tf.Tensor): tf.Tensor;
  /** Class probabilities [B, K]. */
  probabilities(x: tf.Tensor): tf.Tensor;
}

/** A generator as the evaluation sees it: n samples in [0, 1], with labels when conditional. */
export type ImageSampler = (n: number, rng: Rng, opts?: { labels?: number[] }) => tf.Tensor;

/** Results of `evaluateImageGenerator`. */
export interface GeneratorEvaluation {
  /** Generated samples scored. */
  n: number;
  /** Real test examples the FID compares with. */
  nReal: number;
  /** FID in the classifier's feature space (0 = same Gaussian statistics as the test set). */
  fid: number;
  /** Fraction of generated images classified as their requested label (conditional models only). */
  labelAccuracy?: number;
  /** Per-class label accuracy (conditional models only). */
  perClass?: number[];
  /** The classifier's accuracy on the real test images used. */
  classifierTestAccuracy: number;
}

/** Options of `evaluateImageGenerator`. */
export interface GeneratorEvaluationOptions {
  /** Generated samples (default 10,000). */
  n?: number;
  /** Real test examples (default: the whole test set). */
  nReal?: number;
  seed?: number;
  /** Class count: when set, samples are requested class-balanced (label i mod K) and checked. */
  numClasses?: number;
  batchSize?: number;
  /** Name of the feature extractor, recorded with the features. */
  extractor?: string;
}

function collect(clf: FeatureClassifier, batches: Iterable<{ x: tf.Tensor; labels?: number[] }>, d: number): { feats: Float32Array; correct: number[][] } {
  const rows: Float32Array[] = [];
  const correct: number[][] = [];
  for (const { x, labels } of batches) {
    const f = clf.features(x); // [B, F]
    rows.push(f.dataSync() as Float32Array);
    f.dispose();
    if (labels) {
      const p = clf.probabilities(x);
      const pred = tf.tidy(() => tf.argMax(p, 1));
      const v = pred.dataSync();
      labels.forEach((l, i) => correct.push([l, v[i] === l ? 1 : 0]));
      tf.dispose([p, pred]);
    }
    x.dispose();
  }
  const feats = new Float32Array(rows.reduce((s, r) => s + r.length, 0));
  let o = 0;
  for (const r of rows) {
    feats.set(r, o);
    o += r.length;
  }
  if (feats.length % d !== 0) throw new Error('Feature rows have inconsistent widths.');
  return { feats, correct };
}

/** FID (and label accuracy) of a generator against a labelled test set, in a classifier's features. */
export function evaluateImageGenerator(sample: ImageSampler, clf: FeatureClassifier, test: Dataset, o: GeneratorEvaluationOptions = {}): GeneratorEvaluation {
  const n = o.n ?? 10_000;
  const nReal = Math.min(o.nReal ?? test.size, test.size);
  const bs = o.batchSize ?? 500;
  const extractor = o.extractor ?? 'classifier';
  const probe = tf.tidy(() => clf.features(tf.zeros([1, ...test.shape])));
  const d = probe.shape[1]!;
  probe.dispose();
  function* real() {
    for (let s = 0; s < nReal; s += bs) {
      const b = test.batch(Array.from({ length: Math.min(bs, nReal - s) }, (_, i) => s + i));
      const labels = b.y ? Array.from(b.y.dataSync()) : undefined;
      b.y?.dispose();
      yield { x: b.x, labels };
    }
  }
  const rng = new Rng(o.seed ?? 0);
  function* generated() {
    for (let s = 0; s < n; s += bs) {
      const m = Math.min(bs, n - s);
      const labels = o.numClasses ? Array.from({ length: m }, (_, i) => (s + i) % o.numClasses!) : undefined;
      yield { x: sample(m, rng, labels ? { labels } : {}), labels };
    }
  }
  const r = collect(clf, real(), d);
  const g = collect(clf, generated(), d);
  const feats = (data: Float32Array): Features => ({ data, n: data.length / d, d, extractor });
  const out: GeneratorEvaluation = {
    n, nReal,
    fid: fid({ real: feats(r.feats), generated: feats(g.feats) }),
    classifierTestAccuracy: r.correct.reduce((s, [, c]) => s + c, 0) / Math.max(1, r.correct.length),
  };
  if (o.numClasses) {
    out.labelAccuracy = g.correct.reduce((s, [, c]) => s + c, 0) / g.correct.length;
    out.perClass = Array.from({ length: o.numClasses }, (_, k) => {
      const mine = g.correct.filter(([l]) => l === k);
      return mine.reduce((s, [, c]) => s + c, 0) / Math.max(1, mine.length);
    });
  }
  return out;
}
