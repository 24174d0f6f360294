// Small binary classifiers for utility scores (SDGym's ML efficacy): logistic regression and a ReLU MLP,
// trained by Adam on the sigmoid cross-entropy with seeded initialisation and minibatches.
import { tf } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import { auroc } from '../auc.js';

/** Which classifier. */
export type ClassifierKind = 'logistic' | 'mlp';

/** Training options of `trainClassifier`. */
export interface ClassifierOptions {
  /** Adam steps; default 400. */
  steps?: number;
  /** Rows per minibatch; default 256. */
  batchSize?: number;
  /** Adam learning rate; default 0.01 (logistic), 0.003 (mlp). */
  learningRate?: number;
  /** MLP hidden widths; default [64, 64]. */
  hidden?: number[];
}

/** A trained classifier: P(y = 1 | x) for row-major features. */
export interface BinaryClassifier {
  kind: ClassifierKind;
  predict(x: Float32Array, rows: number): Float32Array;
  dispose(): void;
}

/** Trains a classifier on x [rows, dim] and 0/1 labels y. */
export function trainClassifier(
  kind: ClassifierKind, x: Float32Array, y: Float32Array, rows: number, dim: number, rng: Rng, opts: ClassifierOptions = {},
): BinaryClassifier {
  if (x.length !== rows * dim || y.length !== rows) throw new Error(`trainClassifier: ${x.length} features and ${y.length} labels for ${rows} rows × ${dim}.`);
  if (rows === 0) throw new Error('trainClassifier: no training rows.');
  const steps = opts.steps ?? 400, batch = Math.min(opts.batchSize ?? 256, rows);
  const widths = [dim, ...(kind === 'mlp' ? opts.hidden ?? [64, 64] : []), 1];
  // He-uniform kernels for the ReLU layers, Glorot for the output; zero biases
  const params: tf.Variable[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const [fi, fo] = [widths[l], widths[l + 1]];
    const limit = Math.sqrt(6 / (l + 2 < widths.length ? fi : fi + fo));
    const [w, b] = [tf.tensor2d(rng.uniformArray(fi * fo, -limit, limit), [fi, fo]), tf.zeros([fo])];
    params.push(tf.variable(w), tf.variable(b)); // variables copy their initial values
    w.dispose();
    b.dispose();
  }
  const forward = (xb: tf.Tensor2D): tf.Tensor1D => {
    let h: tf.Tensor2D = xb; // [B, dim]
    for (let l = 0; l < params.length; l += 2) {
      h = tf.add(tf.matMul(h, params[l] as tf.Tensor2D), params[l + 1]); // [B, widths[l/2 + 1]]
      if (l + 2 < params.length) h = tf.relu(h);
    }
    return tf.reshape(h, [-1]); // [B] logits
  };
  const xs = tf.tensor2d(x, [rows, dim]);
  const ys = tf.tensor1d(y);
  const opt = tf.train.adam(opts.learningRate ?? (kind === 'mlp' ? 0.003 : 0.01));
  const idx = new Int32Array(batch);
  try {
    for (let s = 0; s < steps; s++) {
      for (let b = 0; b < batch; b++) idx[b] = rng.int(rows);
      tf.tidy(() => {
        const ib = tf.tensor1d(idx, 'int32');
        const xb = tf.gather(xs, ib) as tf.Tensor2D, yb = tf.gather(ys, ib);
        opt.minimize(() => tf.losses.sigmoidCrossEntropy(yb, forward(xb)) as tf.Scalar, false, params);
      });
    }
  } finally {
    xs.dispose();
    ys.dispose();
    opt.dispose();
  }
  return {
    kind,
    predict(xq: Float32Array, n: number): Float32Array {
      if (xq.length !== n * dim) throw new Error(`predict: ${xq.length} features for ${n} rows × ${dim}.`);
      const p = tf.tidy(() => tf.sigmoid(forward(tf.tensor2d(xq, [n, dim]))));
      const out = p.dataSync() as Float32Array;
      p.dispose();
      return out;
    },
    dispose(): void {
      for (const v of params) v.dispose();
    },
  };
}

/** Hold-out scores of a binary classifier. */
export interface ClassifierScores {
  /** F1 of the positive class at threshold 0.5 (0 when nothing is predicted or present positive). */
  f1: number;
  accuracy: number;
  /** NaN when the hold-out holds a single class. */
  auroc: number;
}

/** F1, accuracy (threshold 0.5) and AUROC of probabilities against 0/1 labels. */
export function binaryScores(prob: ArrayLike<number>, labels: ArrayLike<number>): ClassifierScores {
  let tp = 0, fp = 0, fn = 0, correct = 0, pos = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = prob[i] >= 0.5 ? 1 : 0, l = labels[i];
    pos += l;
    if (p === 1 && l === 1) tp++;
    else if (p === 1) fp++;
    else if (l === 1) fn++;
    if (p === l) correct++;
  }
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  const auc = pos === 0 || pos === labels.length ? NaN : auroc(prob, labels);
  return { f1, accuracy: correct / labels.length, auroc: auc };
}
