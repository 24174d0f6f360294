// Gradients of the convolution backprop kernels (Conv2DBackpropFilter, depthwise backprops), which
// tfjs 4.22 lacks: needed for gradient penalties through conv / conv2dTranspose / depthwise critics.
import { tf, type Tensor } from '../tf.js';
import { patchGradient } from './registry.js';

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: number[];
  inputShape?: number[];
}

const run = (name: string, inputs: Record<string, Tensor>, attrs: object): Tensor =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as Tensor;

/** Registers gradients for Conv2DBackpropFilter and the two depthwise backprop kernels. */
export function patchConvGradients(): void {
  // dF = Σ x ⊗ dy is bilinear: <ddF, dF> = <dy, conv(x, ddF)> = <x, convBackpropInput(dy, ddF)>.
  patchGradient({
    kernelName: 'Conv2DBackpropFilter',
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddf, [x, dy], attrs) => {
      const a = attrs as unknown as ConvAttrs;
      const f = ddf as Tensor; // [fh, fw, Ci, Co]
      return {
        x: () => run('Conv2DBackpropInput', { dy, filter: f }, { ...a, inputShape: x.shape }),
        dy: () => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, a.strides, a.pad as 'same', a.dataFormat ?? 'NHWC', 1, a.dimRoundingMode),
      };
    },
  });
  patchGradient({
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, [dy, filter], attrs) => {
      const a = attrs as unknown as ConvAttrs;
      const g = ddx as Tensor; // [N, H, W, C]
      return {
        dy: () => tf.depthwiseConv2d(g as tf.Tensor4D, filter as tf.Tensor4D, a.strides, a.pad as 'same', 'NHWC', a.dilations ?? 1, a.dimRoundingMode),
        filter: () => run('DepthwiseConv2dNativeBackpropFilter', { x: g, dy }, { ...a, filterShape: filter.shape }),
      };
    },
  });
  patchGradient({
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddf, [x, dy], attrs) => {
      const a = attrs as unknown as ConvAttrs;
      const f = ddf as Tensor; // [fh, fw, C, M]
      return {
        x: () => run('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...a, inputShape: x.shape }),
        dy: () => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, a.strides, a.pad as 'same', 'NHWC', a.dilations ?? 1, a.dimRoundingMode),
      };
    },
  });
}
