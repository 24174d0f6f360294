// Minibatch discrimination (Salimans et al. 2016, §3.2): each example gets B features measuring its
// L1 closeness to the rest of the batch, so a discriminator can spot a generator that collapsed.
import { tf, tfl } from '../engine/tf.js';

/** Arguments of MinibatchDiscrimination. */
export interface MinibatchDiscriminationArgs {
  /** Number of kernels B (features appended). */
  kernels: number;
  /** Dimension C of each kernel's projection. */
  kernelDim: number;
  name?: string;
}

/**
 * x [N, A] → [N, A + B]: M = x·T reshaped [N, B, C]; c_b(i, j) = exp(−‖M_i,b − M_j,b‖₁);
 * o(x_i)_b = Σ_{j≠i} c_b(i, j) (the paper's sum without the constant self term), concatenated to x.
 */
export class MinibatchDiscrimination extends tfl.layers.Layer {
  static className = 'GenlabMinibatchDiscrimination';
  readonly kernels: number;
  readonly kernelDim: number;
  private t!: tfl.LayerVariable;

  constructor(args: MinibatchDiscriminationArgs) {
    super({ name: args.name });
    this.kernels = args.kernels;
    this.kernelDim = args.kernelDim;
  }

  build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    // named 'kernel' so genlab's initialiser treats T like any other weight matrix
    this.t = this.addWeight('kernel', [shape[shape.length - 1] as number, this.kernels * this.kernelDim], 'float32', tfl.initializers.glorotUniform({}));
    this.built = true;
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    return [shape[0], (shape[1] as number) + this.kernels];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs; // [N, A]
      const n = x.shape[0];
      const m = tf.reshape(tf.matMul(x, this.t.read()), [n, this.kernels, this.kernelDim]); // [N, B, C]
      const diff = tf.sub(tf.expandDims(m, 1), tf.expandDims(m, 0)); // [N, N, B, C]
      const c = tf.exp(tf.neg(tf.sum(tf.abs(diff), 3))); // [N, N, B]
      const o = tf.sub(tf.sum(c, 1), 1); // [N, B]; removes c_b(i, i) = 1
      return tf.concat([x, o], 1); // [N, A + B]
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kernels: this.kernels, kernelDim: this.kernelDim };
  }
}

tf.serialization.registerClass(MinibatchDiscrimination);
