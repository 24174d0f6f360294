// Registers genlab's kernel and gradient patches for tfjs 4.22: second-order fixes (tensorflow/tfjs#3252),
// kernels wasm lacks or gets wrong, and wasm speed patches (matmul, conv backprop). Each has a test in test/engine/.
import { patchConvGradients } from './conv-grads.js';
import { patchCustomGradGuards } from './custom-grad-guards.js';
import { patchWasmMatMul, patchMatMulGradient } from './matmul.js';
import { patchMissingKernels } from './missing-kernels.js';
import { patchPoolGradients, patchWasmMaxPoolGrad } from './pool-grads.js';
import { unpatchedRequested } from './registry.js';
import { patchResizeGradKernels, patchResizeGradients } from './resize-grads.js';
import { patchSecondOrderGradients } from './second-order.js';
import { patchLayersSwish } from './swish.js';
import { patchWasmCastToBool } from './wasm-cast.js';
import { patchWasmConvBackpropInput } from './wasm-conv-backprop.js';
import { patchWasmOwnKernels } from './wasm-own-kernels.js';
import { patchZeroGradients } from './zero-grads.js';

export { unpatchedRequested } from './registry.js';

/**
 * Applies every patch once per backend; safe to call repeatedly (each registration checks the
 * registry for genlab's mark), and a no-op when `GENLAB_UNPATCHED=1`. Gradients are global; kernels
 * are registered for every backend imported so far, so call it again after importing another backend.
 */
export function applyPatches(): boolean {
  if (unpatchedRequested()) return false;
  patchSecondOrderGradients();
  patchZeroGradients();
  patchPoolGradients();
  patchResizeGradients();
  patchConvGradients();
  patchMatMulGradient();
  patchCustomGradGuards();
  patchMissingKernels();
  patchWasmMaxPoolGrad();
  patchWasmMatMul();
  patchWasmConvBackpropInput();
  patchResizeGradKernels();
  patchWasmCastToBool();
  patchLayersSwish();
  patchWasmOwnKernels(); // last: it wraps the wasm kernels the patches above installed
  return true;
}
