// Routes wasm's heavy kernels through genlab's own wasm SIMD kernels (engine/wasm-kernels), which work
// in place on tfjs-wasm's memory like the native addon: tfjs-wasm runs batched matmuls (attention)
// through a scalar loop, needs explicit transposes before XNNPACK, has slow conv backprops, copies on
// every Identity, and tiles, sums over leading axes, selects and broadcasts element by element. The
// kernel glue is the native backend's (engine/native). Where the kernels cannot be instantiated, or
// GENLAB_WASM_KERNELS=off (read at every call), the kernel registered before runs — stock tfjs-wasm or
// genlab's earlier wasm patches.
import { envFlag } from '../env-flag.js';
import { tf } from '../tf.js';
import { registerActivationGradients } from '../fused-activations.js';
import { registerGroupNormGradient } from '../fused-group-norm.js';
import { nativeActivationKernels } from '../native/activations.js';
import { nativeAdamKernel } from '../native/adam.js';
import { BINARY_OPS, nativeBinary } from '../native/binary.js';
import { COMPARE_OPS, nativeCompare } from '../native/compare.js';
import { NATIVE_CONV_KERNELS, nativeConv } from '../native/conv.js';
import { nativeConcat, nativeSplitV } from '../native/copy.js';
import { nativeGroupNormKernels } from '../native/group-norm.js';
import { sharedIdentity } from '../native/identity.js';
import { nativeBatchMatMul } from '../native/matmul.js';
import { nativeBatchNorm } from '../native/norm.js';
import { nativeReduce } from '../native/reduce.js';
import { RESAMPLE_KERNELS } from '../native/resample.js';
import { nativeCast, nativeLogicalNot, nativeSelect } from '../native/select.js';
import { nativeTile } from '../native/tile.js';
import { UNARY_OPS, nativeUnary } from '../native/unary.js';
import { wasmKernelsFor, type WasmKernels } from '../wasm-kernels/module.js';
import { markFreeTransposeMatMul } from './matmul.js';
import { layerKernel } from './registry.js';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Build = (kernels: WasmKernels, fallback: tf.KernelConfig) => KernelFunc;

/** True unless `GENLAB_WASM_KERNELS=off` asks for the kernels below them (read without assuming Node). */
export function wasmKernelsEnabled(): boolean {
  return envFlag('GENLAB_WASM_KERNELS') !== 'off';
}

/** The kernel of `build` over the backend's wasm kernels, or `previous` where they are off or unavailable. */
function viaWasmKernels(previous: tf.KernelConfig, build: Build): KernelFunc {
  const built = new WeakMap<WasmKernels, KernelFunc>();
  return (args) => {
    const kernels = wasmKernelsEnabled() ? wasmKernelsFor(args.backend) : null;
    if (!kernels) return previous.kernelFunc(args);
    let f = built.get(kernels);
    if (!f) built.set(kernels, (f = build(kernels, previous)));
    return f(args);
  };
}

/** tfjs kernels the layer wraps, each built from the native glue. */
function layeredKernels(): Record<string, Build> {
  const table: Record<string, Build> = {
    BatchMatMul: (k, fb) => nativeBatchMatMul(k, fb),
    Tile: (k, fb) => nativeTile(k, fb),
    Identity: (_k, fb) => sharedIdentity(fb),
    Sum: (k, fb) => nativeReduce(k, 'Sum', fb),
    Mean: (k, fb) => nativeReduce(k, 'Mean', fb),
    Select: (k, fb) => nativeSelect(k, fb),
    Cast: (k, fb) => nativeCast(k, fb),
    LogicalNot: (k, fb) => nativeLogicalNot(k, fb),
    FusedBatchNorm: (k, fb) => nativeBatchNorm(k, fb),
    Concat: (k, fb) => nativeConcat(k, fb),
    SplitV: (k, fb) => nativeSplitV(k, fb),
  };
  for (const name of NATIVE_CONV_KERNELS) table[name] = (k, fb) => nativeConv(k, name, fb);
  for (const [name, make] of Object.entries(RESAMPLE_KERNELS)) table[name] = (k, fb) => make(k, fb);
  for (const name of Object.keys(COMPARE_OPS)) table[name] = (k, fb) => nativeCompare(k, name, fb);
  for (const name of Object.keys(BINARY_OPS)) table[name] = (k, fb) => nativeBinary(k, name, fb);
  for (const name of Object.keys(UNARY_OPS)) table[name] = (k, fb) => nativeUnary(k, name, fb);
  return table;
}

/**
 * Installs the layer on the wasm backend (idempotent), and genlab's fused Adam, group-norm, SiLU and GELU kernels
 * when the kernels instantiate on the initialised wasm backend now.
 */
export function patchWasmOwnKernels(): void {
  if (!tf.getKernel('BatchMatMul', 'wasm')) return;
  for (const [name, build] of Object.entries(layeredKernels())) {
    layerKernel(name, 'wasm', 'wasm-kernels', (prev) => viaWasmKernels(prev, build));
  }
  markFreeTransposeMatMul('wasm'); // the matmul reads transposed operands in place
  const wasm = tf.engine().registry.wasm; // initialised backends only
  const kernels = wasm && wasmKernelsEnabled() ? wasmKernelsFor(wasm) : null;
  if (!kernels) return;
  const sigmoid = tf.getKernel('Sigmoid', 'wasm');
  const own = [nativeAdamKernel(kernels, 'wasm'), ...nativeGroupNormKernels(kernels, 'wasm'), ...(sigmoid ? nativeActivationKernels(kernels, sigmoid, 'wasm') : [])];
  for (const k of own) if (!tf.getKernel(k.kernelName, 'wasm')) tf.registerKernel(k);
  registerGroupNormGradient(); // gradients are global in tfjs; each is used where its kernel exists
  registerActivationGradients();
}
