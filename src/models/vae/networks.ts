// VAE encoder/decoder networks: an MLP (Kingma & Welling 2014, §5) and a small DCGAN-style conv
// pair for 28×28 images. Networks are pure: they map tensors to tensors and own no optimizer.
import { tfl } from '../../engine/tf.js';
import type { DataInfo } from '../types.js';
import type { VaeNetConfig } from './config.js';

/** Architecture settings shared by both networks (inferred from the schema in config.ts). */
export type { VaeNetConfig };

/**
 * Encoder: x [B, ...shape] → [B, 2·latentDim] (μ then log σ²). With numClasses > 0 (CVAE, Sohn et al.
 * 2015) it also takes one-hot labels [B, K], joined to the flattened features before the dense layers.
 */
export function buildEncoder(cfg: VaeNetConfig, data: DataInfo, numClasses = 0): tfl.LayersModel {
  const input = tfl.input({ shape: data.shape });
  const label = numClasses > 0 ? tfl.input({ shape: [numClasses] }) : null;
  let h: tfl.SymbolicTensor = input;
  if (cfg.arch === 'conv') {
    assertConvShape(data);
    h = tfl.layers.conv2d({ filters: 32, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor; // [B, H/2, W/2, 32]
    h = tfl.layers.conv2d({ filters: 64, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor; // [B, H/4, W/4, 64]
  }
  if (data.shape.length > 1) h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  if (label) h = tfl.layers.concatenate().apply([h, label]) as tfl.SymbolicTensor; // [B, F + K]
  for (const units of cfg.hidden) h = tfl.layers.dense({ units, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2 * cfg.latentDim }).apply(h) as tfl.SymbolicTensor; // [B, 2L]
  return tfl.model({ inputs: label ? [input, label] : input, outputs: out, name: 'encoder' });
}

/** Decoder: z [B, latentDim] (+ one-hot labels [B, K] when numClasses > 0) → per-pixel parameters [B, ...shape]. */
export function buildDecoder(cfg: VaeNetConfig, data: DataInfo, numClasses = 0): tfl.LayersModel {
  const input = tfl.input({ shape: [cfg.latentDim] });
  const label = numClasses > 0 ? tfl.input({ shape: [numClasses] }) : null;
  let h: tfl.SymbolicTensor = label ? (tfl.layers.concatenate().apply([input, label]) as tfl.SymbolicTensor) : input; // [B, L (+ K)]
  for (const units of [...cfg.hidden].reverse()) h = tfl.layers.dense({ units, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  let out: tfl.SymbolicTensor;
  if (cfg.arch === 'conv') {
    const [H, W, C] = data.shape;
    h = tfl.layers.dense({ units: (H / 4) * (W / 4) * 64, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.reshape({ targetShape: [H / 4, W / 4, 64] }).apply(h) as tfl.SymbolicTensor; // [B, H/4, W/4, 64]
    h = tfl.layers.conv2dTranspose({ filters: 32, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor; // [B, H/2, W/2, 32]
    out = tfl.layers.conv2dTranspose({ filters: C, kernelSize: 4, strides: 2, padding: 'same' }).apply(h) as tfl.SymbolicTensor; // [B, H, W, C]
  } else {
    const size = data.shape.reduce((a, b) => a * b, 1);
    out = tfl.layers.dense({ units: size }).apply(h) as tfl.SymbolicTensor;
    if (data.shape.length > 1) out = tfl.layers.reshape({ targetShape: data.shape }).apply(out) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: label ? [input, label] : input, outputs: out, name: 'decoder' });
}

function assertConvShape(data: DataInfo): void {
  const [H, W] = data.shape;
  if (data.shape.length !== 3 || H % 4 !== 0 || W % 4 !== 0) {
    throw new Error(`The conv VAE needs images [H, W, C] with H and W divisible by 4; got [${data.shape.join(', ')}]. Use model.arch=mlp.`);
  }
}
