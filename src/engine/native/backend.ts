// The 'native' backend: the wasm backend's instance (same heap, same tensors — switching moves no data)
// under its own name, with wasm's kernels (genlab's patches included) plus native kernels for the
// heavy ops (OpenBLAS matmuls, convs and sums, block-copy Tile, vector-libm exp/erf/tanh…, comparisons,
// copy-free Identity, broadcasting arithmetic, Select / Cast / LogicalNot, Concat / SplitV by row
// copies, integer-factor nearest resize and average pooling, batch norm) and genlab's own fused
// kernels (Adam, group norm, SiLU and GELU with their gradients). Registering it needs the wasm
// backend initialised and patched first.
import { tf } from '../tf.js';
import { markFreeTransposeMatMul } from '../patches/matmul.js';
import { patchKernel } from '../patches/registry.js';
import type { NativeBlas } from './blas.js';
import { nativeAdamKernel } from './adam.js';
import { registerGroupNormGradient } from '../fused-group-norm.js';
import { nativeGroupNormKernels } from './group-norm.js';
import { registerActivationGradients } from '../fused-activations.js';
import { nativeActivationKernels } from './activations.js';
import { BINARY_OPS, nativeBinary } from './binary.js';
import { COMPARE_OPS, nativeCompare } from './compare.js';
import { sharedIdentity } from './identity.js';
import { NATIVE_CONV_KERNELS, nativeConv, nativeFusedConv } from './conv.js';
import { nativeBatchMatMul, nativeFusedMatMul } from './matmul.js';
import { nativeConcat, nativeSplitV } from './copy.js';
import { nativeBatchNorm } from './norm.js';
import { nativeReduce } from './reduce.js';
import { RESAMPLE_KERNELS } from './resample.js';
import { nativeCast, nativeLogicalNot, nativeSelect } from './select.js';
import { nativeTile } from './tile.js';
import { UNARY_OPS, nativeUnary } from './unary.js';

/** The backend name. */
export const NATIVE = 'native';

/** Kernels the native backend replaces, each given wasm's kernel for the cases it hands back. */
function nativeKernels(blas: NativeBlas): Record<string, (wasmKernel: tf.KernelConfig | undefined) => tf.KernelConfig['kernelFunc']> {
  const table: Record<string, (k: tf.KernelConfig | undefined) => tf.KernelConfig['kernelFunc']> = {
    BatchMatMul: (k) => nativeBatchMatMul(blas, k),
    _FusedMatMul: () => nativeFusedMatMul(),
    FusedConv2D: (k) => nativeFusedConv(k),
    Tile: (k) => nativeTile(blas, k),
    Identity: (k) => sharedIdentity(k),
    Sum: (k) => nativeReduce(blas, 'Sum', k),
    Mean: (k) => nativeReduce(blas, 'Mean', k),
    Select: (k) => nativeSelect(blas, k),
    Cast: (k) => nativeCast(blas, k),
    LogicalNot: (k) => nativeLogicalNot(blas, k),
    FusedBatchNorm: (k) => nativeBatchNorm(blas, k),
    Concat: (k) => nativeConcat(blas, k),
    SplitV: (k) => nativeSplitV(blas, k),
  };
  for (const name of NATIVE_CONV_KERNELS) table[name] = (k) => nativeConv(blas, name, k);
  for (const [name, make] of Object.entries(RESAMPLE_KERNELS)) table[name] = (k) => make(blas, k);
  for (const name of Object.keys(UNARY_OPS)) table[name] = (k) => nativeUnary(blas, name, k);
  for (const name of Object.keys(COMPARE_OPS)) table[name] = (k) => nativeCompare(blas, name, k);
  for (const name of Object.keys(BINARY_OPS)) table[name] = (k) => nativeBinary(blas, name, k);
  return table;
}

/**
 * Registers the 'native' backend over the already-initialised wasm backend: copies every wasm kernel
 * it does not replace, then installs the native ones. Idempotent.
 */
export function registerNativeBackend(blas: NativeBlas): void {
  const wasm = tf.findBackend('wasm');
  if (!wasm) throw new Error('genlab native: initialise the wasm backend before registering the native one.');
  if (!tf.engine().registryFactory[NATIVE]) tf.registerBackend(NATIVE, () => wasm, 0);
  const replaced = nativeKernels(blas);
  const sigmoid = tf.getKernel('Sigmoid', 'wasm');
  const own = [nativeAdamKernel(blas, NATIVE), ...nativeGroupNormKernels(blas, NATIVE), ...(sigmoid ? nativeActivationKernels(blas, sigmoid, NATIVE) : [])];
  const ownNames = new Set(own.map((k) => k.kernelName)); // wasm may have its own versions of these: not copied
  for (const kernel of tf.getKernelsForBackend('wasm')) {
    if (kernel.kernelName in replaced || ownNames.has(kernel.kernelName) || tf.getKernel(kernel.kernelName, NATIVE)) continue;
    tf.registerKernel({ ...kernel, backendName: NATIVE });
  }
  for (const [name, make] of Object.entries(replaced)) {
    patchKernel(name, NATIVE, () => make(tf.getKernel(name, 'wasm')));
  }
  for (const k of own) if (!tf.getKernel(k.kernelName, NATIVE)) tf.registerKernel(k);
  registerGroupNormGradient(); // gradients are global in tfjs; each is used where its kernel exists
  registerActivationGradients();
  markFreeTransposeMatMul(NATIVE); // sgemm reads transposed operands in place
}
