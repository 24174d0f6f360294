// Per-layer pieces of batched per-example gradients: the forward pass with a zero probe on the
// pre-activation, per-example squared norms and the clipped sum — Dense (Goodfellow 2015) and Conv2D (im2col).
import { tf, tfl } from '../engine/tf.js';

// The members of tfjs-layers' Dense/Conv2D that a tap reads (protected in its typings).
interface LayerInternals {
  kernel: { read(): tf.Tensor } | null;
  bias: { read(): tf.Tensor } | null;
  activation: { apply(x: tf.Tensor): tf.Tensor } | null;
  kernelSize?: number[];
  strides?: number[];
  padding?: 'valid' | 'same' | 'causal';
  dataFormat?: string;
  dilationRate?: number[];
}

/** One layer whose weights DP-SGD updates, with the maths of its per-example gradients. */
export interface Tap {
  layer: tfl.layers.Layer;
  kernel: tf.Variable;
  bias: tf.Variable | null;
  /** Shape of the pre-activation output for a batch of `b`: the probe's shape. */
  probeShape(b: number): number[];
  /** The layer's output for input `a` with `probe` added to its pre-activation. */
  forward(a: tf.Tensor, probe: tf.Tensor): tf.Tensor;
  /** From the input a and δ = ∂Σℓ/∂(pre-activation): per-example gradient maths (call inside a tidy). */
  grads(a: tf.Tensor, delta: tf.Tensor): TapGrads;
}

/** Per-example ‖∂ℓ_i/∂W‖² + ‖∂ℓ_i/∂b‖² [B], and Σ_i c_i ∂ℓ_i/∂W (and /∂b) for clip factors c [B]. */
export interface TapGrads {
  sqNorms: tf.Tensor;
  clippedSums(c: tf.Tensor): { kernel: tf.Tensor; bias: tf.Tensor | null };
}

function weights(layer: tfl.layers.Layer): LayerInternals & { k: tf.Variable; b: tf.Variable | null } {
  const d = layer as unknown as LayerInternals;
  return Object.assign(d, { k: d.kernel!.read() as tf.Variable, b: d.bias ? (d.bias.read() as tf.Variable) : null });
}

function activate(d: LayerInternals, z: tf.Tensor): tf.Tensor {
  return d.activation ? d.activation.apply(z) : z;
}

/** A Dense layer on [B, in]: ‖g_i‖² = ‖a_i‖²(‖δ_i‖²) + ‖δ_i‖², clipped sum aᵀ diag(c) δ. */
export function denseTap(layer: tfl.layers.Layer): Tap {
  const d = weights(layer);
  const units = d.k.shape[1]!;
  return {
    layer, kernel: d.k, bias: d.b,
    probeShape: (b) => [b, units],
    forward(a, probe) {
      if (a.rank !== 2) throw new Error(`DP-SGD: Dense layer '${layer.name}' got input shape [${a.shape}]; per-example clipping needs [B, features].`);
      const z = tf.add(tf.matMul(a, d.k), probe); // [B, out]
      return activate(d, d.b ? tf.add(z, d.b) : z);
    },
    grads(a, delta) {
      const dSq = tf.sum(tf.square(delta), 1); // [B]
      const aSq = tf.sum(tf.square(a), 1); // [B]
      return {
        sqNorms: d.b ? tf.mul(dSq, tf.add(aSq, 1)) : tf.mul(dSq, aSq),
        clippedSums(c) {
          const cd = tf.mul(delta, tf.expandDims(c, 1)); // [B, out]
          return { kernel: tf.matMul(tf.transpose(a), cd), bias: d.b ? tf.sum(cd, 0) : null }; // [in, out], [out]
        },
      };
    },
  };
}

/** A channels-last Conv2D (dilation 1): per-example kernel gradients Pᵢᵀ δᵢ from im2col patches Pᵢ [P, k_h·k_w·C_in]. */
export function conv2dTap(layer: tfl.layers.Layer): Tap {
  const d = weights(layer);
  const [kh, kw, cin, cout] = d.k.shape as number[];
  const [sh, sw] = d.strides!;
  if (d.dataFormat !== 'channelsLast' || d.dilationRate!.some((r) => r !== 1) || d.padding === 'causal') {
    throw new Error(`DP-SGD: Conv2D layer '${layer.name}' must be channels-last with dilation 1 and 'same' or 'valid' padding.`);
  }
  const inShape = (layer.input as tfl.SymbolicTensor).shape; // [null, H, W, C_in] of the built model
  const [h, w] = [inShape[1]!, inShape[2]!];
  const same = d.padding === 'same';
  const ho = same ? Math.ceil(h / sh) : Math.floor((h - kh) / sh) + 1;
  const wo = same ? Math.ceil(w / sw) : Math.floor((w - kw) / sw) + 1;
  const padH = same ? Math.max((ho - 1) * sh + kh - h, 0) : 0;
  const padW = same ? Math.max((wo - 1) * sw + kw - w, 0) : 0;
  const [top, left] = [Math.floor(padH / 2), Math.floor(padW / 2)]; // TF's 'same': the extra row/column goes below/right
  const p = ho * wo;
  const kdim = kh * kw * cin;
  // im2col written in JS, transposed for a plain batched matmul: Pᵢᵀ [K = (ky, kx, c_in), P] per example.
  // (tfjs's cpu gather/strided slice take ~0.5–1.5 s for MNIST-sized batches; this loop takes milliseconds.)
  const patchesT = (a: tf.Tensor): tf.Tensor => {
    const b = a.shape[0];
    const src = a.dataSync() as Float32Array; // [B, H, W, C_in]
    const out = new Float32Array(b * kdim * p); // zeros = the padding
    for (let i = 0; i < b; i++) {
      for (let oy = 0; oy < ho; oy++) for (let ox = 0; ox < wo; ox++) {
        const col = oy * wo + ox;
        for (let ky = 0; ky < kh; ky++) {
          const y = oy * sh + ky - top;
          if (y < 0 || y >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const x = ox * sw + kx - left;
            if (x < 0 || x >= w) continue;
            const from = ((i * h + y) * w + x) * cin;
            let to = (i * kdim + (ky * kw + kx) * cin) * p + col;
            for (let c = 0; c < cin; c++, to += p) out[to] = src[from + c];
          }
        }
      }
    }
    return tf.tensor3d(out, [b, kdim, p]);
  };
  return {
    layer, kernel: d.k, bias: d.b,
    probeShape: (b) => [b, ho, wo, cout],
    forward(a, probe) {
      if (a.rank !== 4 || a.shape[1] !== h || a.shape[2] !== w) throw new Error(`DP-SGD: Conv2D layer '${layer.name}' got input [${a.shape}], built for [B, ${h}, ${w}, ${cin}].`);
      const z = tf.add(tf.conv2d(a as tf.Tensor4D, d.k as tf.Tensor4D, [sh, sw], d.padding as 'same' | 'valid'), probe); // [B, Ho, Wo, C_out]
      return activate(d, d.b ? tf.add(z, d.b) : z);
    },
    grads(a, delta) {
      const b = a.shape[0];
      const g = tf.matMul(patchesT(a), tf.reshape(delta, [b, p, cout])); // [B, K, C_out] per-example kernel grads
      const gb = tf.sum(delta, [1, 2]); // [B, C_out] per-example bias grads
      const sq = tf.sum(tf.square(g), [1, 2]); // [B]
      return {
        sqNorms: d.b ? tf.add(sq, tf.sum(tf.square(gb), 1)) : sq,
        clippedSums(c) {
          const row = tf.reshape(c, [1, b]);
          const kernel = tf.reshape(tf.matMul(row, tf.reshape(g, [b, kdim * cout])), [kh, kw, cin, cout]);
          return { kernel, bias: d.b ? tf.reshape(tf.matMul(row, gb), [cout]) : null };
        },
      };
    },
  };
}

/** Tap builders by tfjs-layers class name: the layers whose per-example gradients are batched. */
export const TAPS: Record<string, (layer: tfl.layers.Layer) => Tap> = { Dense: denseTap, Conv2D: conv2dTap };
