// The activations of tfjs' fused ops (_FusedMatMul, FusedConv2D), applied after the native product the
// way tfjs' fused_util.applyActivation defines them.
import { tf, type Tensor } from '../tf.js';

/** Attributes and inputs a fused op carries for its epilogue. */
export interface FusedEpilogue {
  activation?: string;
  leakyreluAlpha?: number;
  bias?: Tensor;
  preluActivationWeights?: Tensor;
}

/** act(y + bias) for a fused op's activation name. */
export function fusedEpilogue(y: Tensor, e: FusedEpilogue): Tensor {
  const z = e.bias ? tf.add(y, e.bias) : y;
  switch (e.activation ?? 'linear') {
    case 'linear': return z;
    case 'relu': return tf.relu(z);
    case 'relu6': return tf.relu6(z);
    case 'elu': return tf.elu(z);
    case 'sigmoid': return tf.sigmoid(z);
    case 'prelu': return tf.prelu(z, e.preluActivationWeights as Tensor);
    case 'leakyrelu': return tf.leakyRelu(z, e.leakyreluAlpha ?? 0.2);
    default: throw new Error(`genlab native: unknown fused activation "${e.activation}".`);
  }
}
