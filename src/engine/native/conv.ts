// Native Conv2D, FusedConv2D, Conv2DBackpropInput and Conv2DBackpropFilter: im2col + OpenBLAS sgemm on
// the wasm heap (native/src/conv.c); NCHW or non-float32 calls go to the kernel the wasm backend has.
import { tf } from '../tf.js';
import { compositeKernel } from '../patches/registry.js';
import { fusedEpilogue } from './activation.js';
import { CONV_FILTER_GRAD, CONV_FORWARD, CONV_INPUT_GRAD, type NativeBlas } from './blas.js';
import { heapOf, offsetOf, wasmBackend } from './heap.js';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

interface ConvAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape?: Shape4; // Conv2DBackpropInput
  filterShape?: Shape4; // Conv2DBackpropFilter
}

/** The addon's geometry vector [N, H, W, Ci, Ho, Wo, Co, fh, fw, sh, sw, dh, dw, top, left]. */
function geometry(xShape: Shape4, wShape: Shape4, a: ConvAttrs): Int32Array {
  const c = tf.backend_util.computeConv2DInfo(xShape, wShape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode);
  return Int32Array.from([
    c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels,
    c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.dilationHeight, c.dilationWidth,
    c.padInfo.top, c.padInfo.left,
  ]);
}

/** Which operand a kernel writes, and where its x / w / y shapes come from. */
interface ConvRole {
  mode: number;
  names: [string, string]; // the kernel's two inputs
  shapes(i0: tf.TensorInfo, i1: tf.TensorInfo, a: ConvAttrs): { x: Shape4; w: Shape4 };
  outShape(g: Int32Array): number[];
  place(i0: number, i1: number, out: number): [x: number, w: number, y: number]; // heap offsets
}

const ROLES: Record<string, ConvRole> = {
  Conv2D: {
    mode: CONV_FORWARD,
    names: ['x', 'filter'],
    shapes: (x, w) => ({ x: x.shape as Shape4, w: w.shape as Shape4 }),
    outShape: (g) => [g[0], g[4], g[5], g[6]], // y [N, Ho, Wo, Co]
    place: (x, w, y) => [x, w, y],
  },
  Conv2DBackpropInput: {
    mode: CONV_INPUT_GRAD,
    names: ['dy', 'filter'],
    shapes: (_dy, w, a) => ({ x: a.inputShape as Shape4, w: w.shape as Shape4 }),
    outShape: (g) => [g[0], g[1], g[2], g[3]], // dx [N, H, W, Ci]
    place: (dy, w, dx) => [dx, w, dy],
  },
  Conv2DBackpropFilter: {
    mode: CONV_FILTER_GRAD,
    names: ['x', 'dy'],
    shapes: (x, _dy, a) => ({ x: x.shape as Shape4, w: a.filterShape as Shape4 }),
    outShape: (g) => [g[7], g[8], g[3], g[6]], // dW [fh, fw, Ci, Co]
    place: (x, dy, dw) => [x, dw, dy],
  },
};

/** Names of the conv kernels the native backend provides. */
export const NATIVE_CONV_KERNELS = Object.keys(ROLES);

/** The native kernel for one of NATIVE_CONV_KERNELS; `fallback` (wasm's kernel) takes what it cannot run. */
export function nativeConv(blas: Pick<NativeBlas, 'conv2d'>, kernelName: string, fallback: tf.KernelConfig | undefined): KernelFunc {
  const role = ROLES[kernelName];
  return (args) => {
    const a = args.attrs as unknown as ConvAttrs;
    const i0 = args.inputs[role.names[0]] as tf.TensorInfo, i1 = args.inputs[role.names[1]] as tf.TensorInfo;
    if ((a.dataFormat ?? 'NHWC') !== 'NHWC' || i0.dtype !== 'float32' || i1.dtype !== 'float32') {
      if (!fallback) throw new Error(`genlab native: ${kernelName} supports NHWC float32 only; transpose NCHW input to NHWC.`);
      return fallback.kernelFunc(args);
    }
    const { x, w } = role.shapes(i0, i1, a);
    const g = geometry(x, w, a);
    const backend = wasmBackend(args.backend);
    const out = backend.makeOutput(role.outShape(g), 'float32');
    const [xo, wo, yo] = role.place(offsetOf(backend, i0), offsetOf(backend, i1), offsetOf(backend, out));
    blas.conv2d(heapOf(backend), role.mode, g, xo, wo, yo);
    return out;
  };
}

/** FusedConv2D as the native Conv2D then bias and activation; NCHW goes to wasm's kernel `fallback`. */
export function nativeFusedConv(fallback: tf.KernelConfig | undefined): KernelFunc {
  const composite = compositeKernel((t, attrs) => {
    const a = attrs as unknown as ConvAttrs & { activation?: string; leakyreluAlpha?: number };
    const y = tf.conv2d(t.x as tf.Tensor4D, t.filter as tf.Tensor4D, a.strides, a.pad as 'same', 'NHWC', a.dilations, a.dimRoundingMode);
    return fusedEpilogue(y, { ...a, bias: t.bias, preluActivationWeights: t.preluActivationWeights });
  });
  return (args) => {
    if ((args.attrs as unknown as ConvAttrs).dataFormat === 'NCHW' && fallback) return fallback.kernelFunc(args);
    return composite(args);
  };
}
