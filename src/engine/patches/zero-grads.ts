// Zero gradients for comparison and logical ops, so masks built inside a gradient (leakyRelu, prelu,
// relu6, maximum, clipByValue, elu) can be differentiated again; tfjs registers one only for GreaterEqual.
import { tf, type Tensor } from '../tf.js';
import { patchGradient } from './registry.js';

/** Binary ops whose output is piecewise constant in their inputs. */
export const ZERO_GRAD_BINARY = ['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalXor'];

/** Registers zero gradients for the comparison / logical kernels tfjs leaves without one. */
export function patchZeroGradients(): void {
  for (const kernelName of ZERO_GRAD_BINARY) {
    if (tf.getGradient(kernelName) != null) continue; // tfjs' own (none in 4.22) or already ours
    patchGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, [a, b]) => ({
        a: () => tf.zerosLike(a as Tensor),
        b: () => tf.zerosLike(b as Tensor),
      }),
    });
  }
  if (tf.getGradient('LogicalNot') == null) {
    patchGradient({
      kernelName: 'LogicalNot',
      inputsToSave: ['x'],
      gradFunc: (_dy, [x]) => ({ x: () => tf.zerosLike(x) }),
    });
  }
}
