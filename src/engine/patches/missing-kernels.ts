// Kernels the wasm backend (tfjs 4.22) lacks but gradients need: Conv2DBackpropFilter as one dilated
// forward conv (as in TF's conv_grad_filter_ops), UnsortedSegmentSum and depthwise backprops via cpu.
import { tf, type Tensor } from '../tf.js';
import { compositeKernel, cpuFallbackKernel, knownBackends, patchKernel } from './registry.js';

interface FilterAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Pads (positive amounts) or crops (negative amounts) the two spatial axes of an NHWC tensor. */
export function padOrCrop(x: Tensor, top: number, bottom: number, left: number, right: number): Tensor {
  const p = (v: number) => Math.max(0, v);
  let y = top > 0 || bottom > 0 || left > 0 || right > 0
    ? tf.pad(x, [[0, 0], [p(top), p(bottom)], [p(left), p(right)], [0, 0]])
    : x;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [n, h, w, c] = y.shape;
    const t = -Math.min(0, top), l = -Math.min(0, left);
    y = tf.slice(y, [0, t, l, 0], [n, h - t + Math.min(0, bottom), w - l + Math.min(0, right), c]);
  }
  return y;
}

/**
 * dF[a,b,i,o] = Σ x[n, a + s·p − top, b + s·q − left, i] · dy[n,p,q,o], computed as a stride-1 conv of
 * the input (channels as batch, batch as channels) with dy as a filter dilated by the stride.
 */
export function conv2dBackpropFilterViaConv(x: Tensor, dy: Tensor, a: FilterAttrs): Tensor {
  if (a.dataFormat === 'NCHW') {
    throw new Error('genlab: Conv2DBackpropFilter on this backend supports NHWC only; transpose NCHW input to NHWC.');
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode,
  );
  const [fh, fw] = a.filterShape;
  const [, h, w] = x.shape; // x: [N, H, W, Ci]
  const [, ho, wo] = dy.shape; // dy: [N, Ho, Wo, Co]
  const sh = info.strideHeight, sw = info.strideWidth;
  const needH = (ho - 1) * sh + fh, needW = (wo - 1) * sw + fw;
  const { top, left } = info.padInfo;
  const xw = padOrCrop(x, top, needH - h - top, left, needW - w - left); // [N, needH, needW, Ci]
  const xT = tf.transpose(xw, [3, 1, 2, 0]) as tf.Tensor4D; // [Ci, needH, needW, N]
  const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Co]
  const out = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [sh, sw]); // [Ci, fh, fw, Co]
  return tf.transpose(out, [1, 2, 0, 3]); // [fh, fw, Ci, Co]
}

/** Kernels registered on every imported backend that lacks them. */
const MISSING: Record<string, () => tf.KernelConfig['kernelFunc']> = {
  Conv2DBackpropFilter: () =>
    compositeKernel(({ x, dy }, attrs) => conv2dBackpropFilterViaConv(x, dy, attrs as unknown as FilterAttrs)),
  UnsortedSegmentSum: () => cpuFallbackKernel('UnsortedSegmentSum'),
  DepthwiseConv2dNativeBackpropInput: () => cpuFallbackKernel('DepthwiseConv2dNativeBackpropInput'),
  DepthwiseConv2dNativeBackpropFilter: () => cpuFallbackKernel('DepthwiseConv2dNativeBackpropFilter'),
};

/** Registers the kernels in MISSING for each imported backend (other than cpu) that has none. */
export function patchMissingKernels(): void {
  for (const backendName of knownBackends()) {
    if (backendName === 'cpu') continue;
    for (const [kernelName, make] of Object.entries(MISSING)) {
      if (tf.getKernel(kernelName, backendName)) continue;
      patchKernel(kernelName, backendName, make);
    }
  }
}
