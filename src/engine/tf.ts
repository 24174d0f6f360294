// The one place genlab imports tfjs: core + layers (whose import registers the gradients that
// Node's CommonJS core bundle lacks) + the always-available cpu kernels.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

export { tf, tfl };
export type Tensor = tf.Tensor;
export type Scalar = tf.Scalar;
export type Variable = tf.Variable;
