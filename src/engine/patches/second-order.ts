// Gradients that save the op's *input* and recompute the output, so grad-of-grad keeps every path
// (tfjs saves outputs, whose tape clone is disconnected: upstream issue tensorflow/tfjs#3252).
import { tf, type Tensor } from '../tf.js';
import { patchGradient } from './registry.js';

const SELU_SCALE = 1.0507009873554804934193349852946;
const SELU_SCALEALPHA = 1.7580993408473768599402175208123;

/** Sums `g` over the axes broadcasting added and reshapes it to `shape` (a broadcast op's gradient). */
export function unbroadcast(g: Tensor, shape: number[]): Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, g.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(g, axes) : g, shape);
}

/** Registers input-saving gradients for Tanh, Sigmoid, Exp, Elu, Selu, Softmax, LogSoftmax and Pow. */
export function patchSecondOrderGradients(): void {
  patchGradient({
    kernelName: 'Tanh',
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as Tensor, tf.sub(1, tf.square(tf.tanh(x)))) }),
  });
  patchGradient({
    kernelName: 'Sigmoid',
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({
      x: () => {
        const s = tf.sigmoid(x);
        return tf.mul(dy as Tensor, tf.mul(s, tf.sub(1, s)));
      },
    }),
  });
  patchGradient({
    kernelName: 'Exp',
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as Tensor, tf.exp(x)) }),
  });
  patchGradient({
    kernelName: 'Elu',
    inputsToSave: ['x'],
    // d/dx elu = 1 (x > 0) or exp(x); exp(min(x, 0)) keeps the unused branch finite for large x.
    gradFunc: (dy, [x]) => ({
      x: () => tf.where(tf.greater(x, 0), dy as Tensor, tf.mul(dy as Tensor, tf.exp(tf.minimum(x, 0)))),
    }),
  });
  patchGradient({
    kernelName: 'Selu',
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({
      x: () =>
        tf.where(
          tf.greater(x, 0),
          tf.mul(dy as Tensor, SELU_SCALE),
          tf.mul(tf.mul(dy as Tensor, SELU_SCALEALPHA), tf.exp(tf.minimum(x, 0))),
        ),
    }),
  });
  patchGradient({
    kernelName: 'Softmax',
    inputsToSave: ['logits'],
    // dx = y ⊙ (dy − Σ dy ⊙ y), y recomputed from the saved logits.
    gradFunc: (dy, [logits], attrs) => ({
      logits: () => {
        const dim = (attrs as { dim: number }).dim;
        const y = tf.softmax(logits, dim);
        const d = dy as Tensor;
        return tf.mul(y, tf.sub(d, tf.sum(tf.mul(d, y), dim, true)));
      },
    }),
  });
  patchGradient({
    kernelName: 'LogSoftmax',
    inputsToSave: ['logits'],
    gradFunc: (dy, [logits], attrs) => ({
      logits: () => {
        const axis = (attrs as { axis: number }).axis;
        const d = dy as Tensor;
        return tf.sub(d, tf.mul(tf.sum(d, axis, true), tf.softmax(logits, axis)));
      },
    }),
  });
  patchGradient({
    kernelName: 'Pow',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => {
      const d = dy as Tensor;
      return {
        a: () => {
          const e = tf.cast(b, 'float32');
          return unbroadcast(tf.mul(d, tf.mul(e, tf.pow(a, tf.sub(e, 1)))), a.shape);
        },
        b: () => {
          const logA = tf.where(tf.greater(a, 0), tf.log(tf.maximum(a, 1e-30)), tf.zerosLike(a));
          return unbroadcast(tf.mul(d, tf.mul(tf.pow(a, b), logA)), b.shape);
        },
      };
    },
  });
}
