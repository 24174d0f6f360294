// Identity (tf.clone, and the dy pass-through of many gradients) by sharing the input's heap memory
// with a reference count, as tfjs' cpu backend does: wasm's kernel copies every time (~300 copies per
// GPT step). Sharing is as safe as wasm's own Reshape, which already shares: no kernel writes in place.
import { tf } from '../tf.js';

/** Identity without a copy; strings (not on the heap) go to wasm's kernel `fallback`. */
export function sharedIdentity(fallback: tf.KernelConfig | undefined): tf.KernelConfig['kernelFunc'] {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') {
      if (!fallback) throw new Error('genlab native: Identity of strings needs the wasm kernel.');
      return fallback.kernelFunc(args);
    }
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
