// An image classifier used as genlab's feature extractor (the role Inception-v3 plays for
// ImageNet-scale FID): trained by genlab itself, features = penultimate ReLU layer.
import { tf, tfl } from '../../engine/tf.js';
import type { Batch } from '../../data/types.js';
import type { DataInfo, GenModel } from '../types.js';
import { buildClassifier, FEATURE_LAYER, type ClassifierNetConfig } from './network.js';

/** log softmax from differentiable primitives: l − logsumexp(l) (tf.logSoftmax's custom gradient is not). */
export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  return tf.sub(logits, tf.logSumExp(logits, -1, true));
}

/** A convnet classifier with feature and probability heads. */
export class Classifier implements GenModel {
  readonly networks: { classifier: tfl.LayersModel };
  private featureModel: tfl.LayersModel | null = null;

  constructor(cfg: ClassifierNetConfig, data: DataInfo) {
    this.networks = { classifier: buildClassifier(cfg, data) };
  }

  /** Logits [B, K]. */
  logits(x: tf.Tensor, training = false): tf.Tensor {
    return this.networks.classifier.apply(x, { training }) as tf.Tensor;
  }

  /** Mean softmax cross-entropy and accuracy of a labelled batch. */
  loss(batch: Batch): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    if (!batch.y) throw new Error('Classifier training needs labels (batch.y).');
    const logits = this.logits(batch.x, true);
    const k = logits.shape[1]!;
    const onehot = tf.oneHot(tf.cast(batch.y, 'int32'), k); // [B, K]
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(onehot, logSoftmax(logits)), 1))) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(batch.y, 'int32')), 'float32')) as tf.Scalar;
    return { loss, parts: { accuracy } };
  }

  /** Class probabilities [B, K] (softmax), the input of the Inception Score. */
  probabilities(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.softmax(this.logits(x)));
  }

  /** Penultimate-layer features [B, F] for FID/KID/precision–recall. */
  features(x: tf.Tensor): tf.Tensor {
    if (!this.featureModel) {
      const net = this.networks.classifier;
      this.featureModel = tfl.model({ inputs: net.inputs, outputs: net.getLayer(FEATURE_LAYER).output as tfl.SymbolicTensor });
    }
    return tf.tidy(() => this.featureModel!.predict(x) as tf.Tensor);
  }

  /** Classifiers do not generate; sampling is an error that says so. */
  sample(): tf.Tensor {
    throw new Error('A classifier has no samples; use features() or probabilities().');
  }

  dispose(): void {
    this.networks.classifier.dispose();
  }
}
