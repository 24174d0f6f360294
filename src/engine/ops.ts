// Twice-differentiable replacements for tfjs ops whose gradients are customGrads on saved outputs
// (tf.logSoftmax, tf.losses.softmaxCrossEntropy; tensorflow/tfjs#3252), built from primitive kernels.
import { tf, type Tensor } from './tf.js';

/** log Σ exp(x) along `axis` (keepDims), stabilised by the max; differentiable to any order. */
export function logSumExp(x: Tensor, axis = -1): Tensor {
  return tf.tidy(() => {
    const m = tf.max(x, axis, true); // [..., 1]; its gradient path cancels exactly
    return tf.add(m, tf.log(tf.sum(tf.exp(tf.sub(x, m)), axis, true)));
  });
}

/** log softmax along `axis`: x − logSumExp(x). */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return tf.tidy(() => tf.sub(x, logSumExp(x, axis)));
}

/** softmax along `axis` as exp(logSoftmax(x)). */
export function softmax(x: Tensor, axis = -1): Tensor {
  return tf.tidy(() => tf.exp(logSoftmax(x, axis)));
}

/** Mean over the batch of −Σ labels ⊙ logSoftmax(logits) (labels one-hot or soft, last axis). */
export function softmaxCrossEntropy(labels: Tensor, logits: Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(labels, logSoftmax(logits)), -1))) as tf.Scalar);
}

/**
 * tf.batchNorm with scale and offset always passed (ones / zeros when omitted): tfjs' gradient breaks
 * when either is missing, even at first order.
 */
export function batchNorm(
  x: Tensor,
  mean: Tensor,
  variance: Tensor,
  offset?: Tensor,
  scale?: Tensor,
  varianceEpsilon = 1e-3,
): Tensor {
  return tf.tidy(() => {
    const c = mean.shape;
    return tf.batchNorm(x, mean, variance, offset ?? tf.zeros(c), scale ?? tf.ones(c), varianceEpsilon);
  });
}
