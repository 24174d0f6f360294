// Pooling gradients: a correct avgPool gradient for padded windows (tfjs divides by the full window,
// the forward by the valid count) and the missing gradients of AvgPoolGrad / MaxPoolGrad (2nd order).
import { tf, type Tensor } from '../tf.js';
import { callKernel, compositeKernel, patchGradient, patchKernel } from './registry.js';

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function poolInfo(shape: number[], a: PoolAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computePool2DInfo(shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

/** Valid input positions per output position along one axis. */
function axisCounts(inLen: number, outLen: number, stride: number, filter: number, padBefore: number): number[] {
  const counts: number[] = [];
  for (let i = 0; i < outLen; i++) {
    const start = i * stride - padBefore;
    counts.push(Math.min(inLen, start + filter) - Math.max(0, start));
  }
  return counts;
}

/**
 * window size / valid count per output position, [1, Ho, Wo, 1]; null when every window is whole
 * (then tfjs' AvgPoolGrad, which divides by the window size, is already right).
 */
export function avgPoolScale(info: tf.backend_util.Conv2DInfo): Tensor | null {
  const rows = axisCounts(info.inHeight, info.outHeight, info.strideHeight, info.filterHeight, info.padInfo.top);
  const cols = axisCounts(info.inWidth, info.outWidth, info.strideWidth, info.filterWidth, info.padInfo.left);
  const full = info.filterHeight * info.filterWidth;
  const scale = new Float32Array(rows.length * cols.length);
  let whole = true;
  rows.forEach((r, i) => cols.forEach((c, j) => {
    scale[i * cols.length + j] = full / (r * c);
    if (r * c !== full) whole = false;
  }));
  return whole ? null : tf.tensor4d(scale, [1, rows.length, cols.length, 1]);
}

/** For each pooling window, the value of `values` at the window's argmax of `input` (first max wins). */
export function gatherAtArgmax(input: Tensor, output: Tensor, values: Tensor, attrs: PoolAttrs): Tensor {
  const info = poolInfo(input.shape, attrs);
  const [n, h, w, c] = input.shape;
  const { top, left, bottom, right } = info.padInfo;
  const extentH = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
  const extentW = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
  const pads: Array<[number, number]> = [
    [0, 0],
    [top, Math.max(bottom, extentH - h - top)],
    [left, Math.max(right, extentW - w - left)],
    [0, 0],
  ];
  const xp = tf.pad(input, pads, -Infinity); // [N, Hp, Wp, C]
  const vp = tf.pad(values, pads, 0);
  let taken: Tensor = tf.cast(tf.zerosLike(output), 'bool');
  let out: Tensor = tf.zerosLike(output); // [N, Ho, Wo, C]
  for (let a = 0; a < info.filterHeight; a++) {
    for (let b = 0; b < info.filterWidth; b++) {
      const begin = [0, a, b, 0];
      const end = [n, a + (info.outHeight - 1) * info.strideHeight + 1, b + (info.outWidth - 1) * info.strideWidth + 1, c];
      const step = [1, info.strideHeight, info.strideWidth, 1];
      const xs = tf.stridedSlice(xp, begin, end, step); // [N, Ho, Wo, C]
      const hit = tf.logicalAnd(tf.equal(xs, output), tf.logicalNot(taken));
      taken = tf.logicalOr(taken, hit);
      out = tf.add(out, tf.where(hit, tf.stridedSlice(vp, begin, end, step), 0));
    }
  }
  return out;
}

/** Registers the fixed AvgPool gradient and gradients for AvgPoolGrad and MaxPoolGrad. */
export function patchPoolGradients(): void {
  patchGradient({
    kernelName: 'AvgPool',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => {
        const a = attrs as unknown as PoolAttrs;
        const scale = avgPoolScale(poolInfo(x.shape, a));
        const d = scale ? tf.mul(dy as Tensor, scale) : (dy as Tensor); // dy / count · window
        return tf.engine().runKernel('AvgPoolGrad', { dy: d, input: x }, attrs) as Tensor;
      },
    }),
  });
  patchGradient({
    kernelName: 'AvgPoolGrad',
    // AvgPoolGrad(dy) = Pᵀ dy / window, so its adjoint is P ddx / window = avgPool(ddx) · count / window.
    gradFunc: (ddx, _saved, attrs) => {
      const g = ddx as Tensor; // [N, H, W, C], the input's shape
      const a = attrs as unknown as PoolAttrs;
      return {
        dy: () => {
          const scale = avgPoolScale(poolInfo(g.shape, a));
          const y = tf.avgPool(g as tf.Tensor4D, a.filterSize, a.strides, a.pad, a.dimRoundingMode);
          return scale ? tf.div(y, scale) : y;
        },
        input: () => tf.zerosLike(g),
      };
    },
  });
  patchGradient({
    kernelName: 'MaxPoolGrad',
    inputsToSave: ['input', 'output'],
    // MaxPoolGrad routes dy to each window's argmax; its adjoint reads ddx back at the argmax.
    gradFunc: (ddx, [input, output], attrs) => ({
      dy: () => gatherAtArgmax(input, output, ddx as Tensor, attrs as unknown as PoolAttrs),
      input: () => tf.zerosLike(input),
      output: () => tf.zerosLike(output),
    }),
  });
}

/**
 * wasm's MaxPoolGrad drops every window whose maximum is ≤ 0 (measured on 4.22); shifting the input
 * to ≥ 1 leaves the argmax unchanged (up to ties within one float32 ulp) and makes it exact.
 */
export function patchWasmMaxPoolGrad(): void {
  if (!tf.getKernel('MaxPoolGrad', 'wasm')) return;
  patchKernel('MaxPoolGrad', 'wasm', (previous) =>
    compositeKernel(({ dy, input, output }, attrs) => {
      const shift = tf.relu(tf.sub(1, tf.min(input))); // scalar ≥ 0
      return callKernel(previous as tf.KernelConfig, { dy, input: tf.add(input, shift), output }, attrs);
    }),
  );
}
