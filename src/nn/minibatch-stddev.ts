// Minibatch standard deviation (Karras et al. 2018, ProGAN §3): the mean over features of the
// per-feature standard deviation within a group of examples, appended as one extra feature/channel.
import { tf, tfl } from '../engine/tf.js';

/** Added to the variance before the square root, so the gradient is finite at zero spread. */
const VAR_EPS = 1e-8;

/** Arguments of MinibatchStddev. */
export interface MinibatchStddevArgs {
  /** Examples per group G (clamped to the batch; the batch must be divisible by it). */
  groupSize?: number;
  name?: string;
}

/** The statistic for x [N, ...F]: example i gets the mean std of group i mod (N/G); returns [N]. */
export function minibatchStddev(x: tf.Tensor, groupSize: number): tf.Tensor {
  return tf.tidy(() => {
    const n = x.shape[0];
    const g = Math.min(groupSize, n);
    if (n % g !== 0) throw new Error(`Minibatch stddev: batch size ${n} is not divisible by the group size ${g}; choose a batch size that is a multiple of it.`);
    const y = tf.reshape(x, [g, n / g, -1]); // [G, M, F]
    const centred = tf.sub(y, tf.mean(y, 0, true));
    const std = tf.sqrt(tf.add(tf.mean(tf.square(centred), 0), VAR_EPS)); // [M, F]
    const s = tf.mean(std, 1); // [M]
    return tf.reshape(tf.tile(tf.expandDims(s, 0), [g, 1]), [n]); // [N], row-major over (G, M)
  });
}

/** x [N, ...spatial, C] → [N, ...spatial, C + 1] with the group's mean standard deviation appended. */
export class MinibatchStddev extends tfl.layers.Layer {
  static className = 'GenlabMinibatchStddev';
  readonly groupSize: number;

  constructor(args: MinibatchStddevArgs = {}) {
    super({ name: args.name });
    this.groupSize = args.groupSize ?? 4;
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    return [...shape.slice(0, -1), (shape[shape.length - 1] as number) + 1];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs; // [N, ..., C]
      const s = minibatchStddev(x, this.groupSize); // [N]
      const channel = tf.mul(tf.onesLike(tf.slice(x, Array(x.rank).fill(0), [...x.shape.slice(0, -1), 1])), tf.reshape(s, [x.shape[0], ...Array(x.rank - 1).fill(1)]));
      return tf.concat([x, channel], x.rank - 1); // [N, ..., C + 1]
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groupSize: this.groupSize };
  }
}

tf.serialization.registerClass(MinibatchStddev);
