// Faster Conv2DBackpropInput (conv2dTranspose) on wasm: a sub-pixel rewrite as one stride-1 conv with
// s²·C output channels + depthToSpace + crop (Shi et al. 2016, "Real-time single image super-resolution").
import { tf, type Tensor } from '../tf.js';
import { callKernel, compositeKernel, pair, patchKernel } from './registry.js';

interface BackpropInputAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * dx for a forward conv x [N,H,W,Ci] ⊛ W [fh,fw,Ci,Co] with stride s: output phase r = (y + top) mod s
 * only sees taps a ≡ r (mod s), so all s² phases are one stride-1 conv of dy with the filter
 * F[j,k,o,(rh·s+rw)·Ci+i] = W[(K−1−j)·s+rh, (K−1−k)·s+rw, i, o], K = ⌈f/s⌉; returns null when unsupported.
 */
export function conv2dBackpropInputSubPixel(dy: Tensor, filter: Tensor, a: BackpropInputAttrs): Tensor | null {
  const [sh, sw] = pair(a.strides);
  if (sh !== sw || (a.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  const s = sh;
  const [fh, fw, ci, co] = filter.shape; // W: [fh, fw, Ci, Co]
  const [n, h, w] = a.inputShape; // dx: [N, H, W, Ci]
  const [, ih, iw] = dy.shape; // dy: [N, Ho, Wo, Co]
  const info = tf.backend_util.computeConv2DInfo(a.inputShape, [fh, fw, ci, co], a.strides, 1, a.pad, a.dimRoundingMode);
  const { top, left } = info.padInfo;
  const kh = Math.ceil(fh / s), kw = Math.ceil(fw / s);
  const qh = ih + kh - 1, qw = iw + kw - 1; // phase-grid size of the sub-pixel output
  if (top < 0 || left < 0 || top + h > qh * s || left + w > qw * s) return null;
  const f6 = tf.reshape(tf.pad(filter, [[0, kh * s - fh], [0, kw * s - fw], [0, 0], [0, 0]]), [kh, s, kw, s, ci, co]);
  const flipped = tf.reverse(f6, [0, 2]); // tap k ↦ K−1−k
  const sub = tf.reshape(tf.transpose(flipped, [0, 2, 5, 1, 3, 4]), [kh, kw, co, s * s * ci]); // [K, K, Co, s²Ci]
  const dyPad = tf.pad(dy, [[0, 0], [kh - 1, kh - 1], [kw - 1, kw - 1], [0, 0]]); // [N, Ho+2K−2, Wo+2K−2, Co]
  const phases = tf.conv2d(dyPad as tf.Tensor4D, sub as tf.Tensor4D, 1, 'valid'); // [N, qh, qw, s²Ci]
  const full = s > 1 ? tf.depthToSpace(phases, s) : phases; // [N, qh·s, qw·s, Ci]
  return tf.slice(full, [0, top, left, 0], [n, h, w, ci]); // [N, H, W, Ci]
}

/**
 * Where the rewrite pays on wasm (bench/engine-conv.ts): stride > 1 with ≥ 8 output channels (~3× faster),
 * and stride 1, where it is a plain flipped-filter conv (28×28×32, 3×3, batch 64: 1540 → 370 ms under load).
 */
function worthIt(filter: Tensor, a: BackpropInputAttrs): boolean {
  const [sh, sw] = pair(a.strides);
  return sh === sw && (sh > 1 ? (filter.shape[2] ?? 0) >= 8 : true); // filter: [fh, fw, Ci, Co]
}

/** Routes wasm's Conv2DBackpropInput through the sub-pixel form where it is faster (else the stock kernel). */
export function patchWasmConvBackpropInput(): void {
  if (!tf.getKernel('Conv2DBackpropInput', 'wasm')) return;
  patchKernel('Conv2DBackpropInput', 'wasm', (previous) =>
    compositeKernel(({ dy, filter }, attrs) => {
      const a = attrs as unknown as BackpropInputAttrs;
      return (worthIt(filter, a) ? conv2dBackpropInputSubPixel(dy, filter, a) : null) ??
        callKernel(previous as tf.KernelConfig, { dy, filter }, attrs);
    }),
  );
}
