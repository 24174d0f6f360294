// Guards for tfjs ops built with customGrad on saved outputs (tf.logSoftmax, tf.losses.softmaxCrossEntropy):
// their grad-of-grad silently drops a path (tensorflow/tfjs#3252), so taping their gradient now throws.
import { tf, type Tensor } from '../tf.js';
import { patchGradient } from './registry.js';

/** True while a backward pass is itself being recorded for an outer gradient (grad-of-grad). */
export function recordingHigherOrder(): boolean {
  const state = (tf.engine() as unknown as { state: { gradientDepth: number } }).state;
  return state.gradientDepth > 0;
}

function refuseSecondOrder(op: string, replacement: string): void {
  if (!recordingHigherOrder()) return;
  throw new Error(
    `genlab: the gradient of ${op} cannot be differentiated again (tfjs saves its output; ` +
      `tensorflow/tfjs#3252), so this higher-order gradient would be silently wrong. ` +
      `Use ${replacement} from genlab's engine ops instead.`,
  );
}

/**
 * Re-registers the first-order gradients of the customGrad ops by their op-scope names (the name tfjs
 * gives their tape nodes) with a check that refuses second-order use.
 */
export function patchCustomGradGuards(): void {
  patchGradient({
    kernelName: 'logSoftmax__op',
    gradFunc: (dy, [value]) => {
      refuseSecondOrder('tf.logSoftmax', 'logSoftmax');
      const d = dy as Tensor;
      return { 0: () => tf.sub(d, tf.mul(tf.sum(d, -1, true), tf.exp(value))) };
    },
  });
  patchGradient({
    kernelName: 'softmaxCrossEntropy__op',
    gradFunc: (dy, [labels, logResult]) => {
      refuseSecondOrder('tf.losses.softmaxCrossEntropy', 'softmaxCrossEntropy');
      const d = tf.expandDims(dy as Tensor, -1); // [..., 1]
      const p = tf.exp(logResult);
      const l = tf.cast(labels, 'float32');
      return { 0: () => tf.mul(d, tf.sub(l, p)), 1: () => tf.mul(d, tf.sub(p, l)) };
    },
  });
}
