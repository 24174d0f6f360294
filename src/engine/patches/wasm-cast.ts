// tfjs-wasm 4.22 casts by TypedArray.set, which for bool means "modulo 256": cast(0.5) and cast(256)
// came out false, cast(−1) as 255. tfjs' cpu (and TF) cast to bool as x ≠ 0; so does this patch.
import { tf } from '../tf.js';
import { callKernel, compositeKernel, patchKernel } from './registry.js';

/** Routes wasm's numeric → bool casts through NotEqual(x, 0); every other cast stays wasm's. */
export function patchWasmCastToBool(): void {
  if (!tf.getKernel('Cast', 'wasm')) return;
  patchKernel('Cast', 'wasm', (previous) =>
    compositeKernel(({ x }, attrs) => {
      if (attrs.dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) return tf.notEqual(x, tf.scalar(0, x.dtype));
      return callKernel(previous as tf.KernelConfig, { x }, attrs);
    }),
  );
}
