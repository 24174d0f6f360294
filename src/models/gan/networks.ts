// GAN generator/discriminator networks: MLPs for 2-D / vector data (Goodfellow et al. 2014) and
// DCGAN conv nets for square images (Radford et al. 2016), with the discriminator-side cures as options.
import { tfl } from '../../engine/tf.js';
import type { DataInfo } from '../types.js';
import { SNConv2D, SNDense } from '../../nn/spectral-norm.js';
import { MinibatchDiscrimination } from '../../nn/minibatch-discrimination.js';
import { MinibatchStddev } from '../../nn/minibatch-stddev.js';
import type { GanNetConfig } from './config.js';

type Sym = tfl.SymbolicTensor;

/** Architecture settings of both networks (inferred from the schema in config.ts). */
export type { GanNetConfig };

/** The architecture `auto` resolves to for a dataset. */
export function resolveArch(cfg: GanNetConfig, data: DataInfo): 'mlp' | 'dcgan' {
  if (cfg.arch !== 'auto') return cfg.arch;
  return data.kind === 'image' ? 'dcgan' : 'mlp';
}

/** DCGAN geometry for [S, S, C] images: base side s and number of ×2 up/down-samplings k (S = s·2^k). */
export function dcganGeometry(data: DataInfo): { base: number; steps: number } {
  const [h, w] = data.shape;
  if (data.shape.length !== 3 || h !== w || h % 2 !== 0) {
    throw new Error(`The DCGAN networks need square images [S, S, C] with even S (28, 32, 64, …); got [${data.shape.join(', ')}]. Use model.arch=mlp.`);
  }
  let base = h;
  let steps = 0;
  while (base % 2 === 0 && base > 4) {
    base /= 2;
    steps += 1;
  }
  return { base, steps };
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const apply = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym;

function denseD(units: number, sn: boolean): tfl.layers.Layer {
  return sn ? new SNDense({ units }) : tfl.layers.dense({ units });
}

function normD(kind: GanNetConfig['dNorm']): tfl.layers.Layer | null {
  if (kind === 'batch') return tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
  if (kind === 'layer') return tfl.layers.layerNormalization({ epsilon: 1e-5 });
  return null;
}

/** Generator: z [B, L] (+ one-hot labels [B, K]) → x [B, ...shape] in model space (tanh for images). */
export function buildGenerator(cfg: GanNetConfig, data: DataInfo, numClasses: number): tfl.LayersModel {
  const z = tfl.input({ shape: [cfg.latentDim], name: 'z' });
  const inputs: Sym[] = [z];
  let h: Sym = z;
  if (numClasses > 0) {
    const y = tfl.input({ shape: [numClasses], name: 'label' });
    inputs.push(y);
    // a bias-free dense layer on one-hot labels is an embedding table (no gather: trains on wasm)
    const e = apply(tfl.layers.dense({ units: cfg.labelEmbedding, useBias: false, name: 'label_embedding' }), y); // [B, E]
    h = apply(tfl.layers.concatenate(), [z, e]); // [B, L + E]
  }
  const image = data.kind === 'image';
  const bn = () => tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
  let out: Sym;
  if (resolveArch(cfg, data) === 'dcgan') {
    const { base, steps } = dcganGeometry(data);
    const c0 = cfg.gFilters * 2 ** (steps - 1);
    h = apply(tfl.layers.dense({ units: base * base * c0, useBias: cfg.gNorm !== 'batch' }), h);
    h = apply(tfl.layers.reshape({ targetShape: [base, base, c0] }), h); // [B, s, s, C0]
    if (cfg.gNorm === 'batch') h = apply(bn(), h);
    h = apply(tfl.layers.reLU(), h);
    for (let i = 0; i < steps; i++) {
      const last = i === steps - 1;
      const filters = last ? data.shape[2] : cfg.gFilters * 2 ** (steps - 2 - i);
      h = apply(tfl.layers.conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias: last || cfg.gNorm !== 'batch' }), h); // [B, 2×side, 2×side, filters]
      if (!last && cfg.gNorm === 'batch') h = apply(bn(), h);
      h = apply(last ? tfl.layers.activation({ activation: 'tanh' }) : tfl.layers.reLU(), h);
    }
    out = h; // [B, S, S, C]
  } else {
    for (const units of cfg.gHidden) {
      h = apply(tfl.layers.dense({ units, useBias: cfg.gNorm !== 'batch' }), h);
      if (cfg.gNorm === 'batch') h = apply(bn(), h);
      h = apply(tfl.layers.reLU(), h);
    }
    out = apply(tfl.layers.dense({ units: size(data.shape), activation: image ? 'tanh' : 'linear' }), h); // [B, D]
    if (data.shape.length > 1) out = apply(tfl.layers.reshape({ targetShape: data.shape }), out);
  }
  return tfl.model({ inputs, outputs: out, name: 'generator' });
}

/** Shape of one discriminator input: `pac` examples stacked (flattened for MLPs, on channels for convs). */
export function discriminatorInputShape(cfg: GanNetConfig, data: DataInfo): number[] {
  if (resolveArch(cfg, data) === 'dcgan') return [data.shape[0], data.shape[1], data.shape[2] * cfg.pac];
  return [size(data.shape) * cfg.pac];
}

/**
 * Discriminator: packed x (+ one-hot labels) → [logit [B', 1], features [B', F]]. Conditional models
 * add the projection term ⟨embed(y), φ(x)⟩ to the logit (Miyato & Koyama 2018, eq. 3).
 */
export function buildDiscriminator(cfg: GanNetConfig, data: DataInfo, numClasses: number): tfl.LayersModel {
  const sn = cfg.spectralNorm;
  const x = tfl.input({ shape: discriminatorInputShape(cfg, data), name: 'x' });
  const inputs: Sym[] = [x];
  let h: Sym = x;
  const leaky = () => tfl.layers.leakyReLU({ alpha: cfg.leak });
  if (resolveArch(cfg, data) === 'dcgan') {
    const { steps } = dcganGeometry(data);
    for (let i = 0; i < steps; i++) {
      if (cfg.minibatchStddev > 0 && i === steps - 1) h = apply(new MinibatchStddev({ groupSize: cfg.minibatchStddev }), h);
      const filters = cfg.dFilters * 2 ** i;
      const conv = sn ? new SNConv2D({ filters, kernelSize: 4, strides: 2 }) : tfl.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same' });
      h = apply(conv, h); // [B', side/2, side/2, filters]
      const norm = i > 0 ? normD(cfg.dNorm) : null; // DCGAN: no norm on the first layer
      if (norm) h = apply(norm, h);
      h = apply(leaky(), h);
    }
    h = apply(tfl.layers.flatten(), h); // [B', F]
  } else {
    cfg.dHidden.forEach((units, i) => {
      if (cfg.minibatchStddev > 0 && i === cfg.dHidden.length - 1) h = apply(new MinibatchStddev({ groupSize: cfg.minibatchStddev }), h);
      h = apply(denseD(units, sn), h);
      const norm = normD(cfg.dNorm);
      if (norm) h = apply(norm, h);
      h = apply(leaky(), h);
    });
  }
  const features = h; // [B', F]
  const head = cfg.minibatchDiscrimination > 0 ? apply(new MinibatchDiscrimination({ kernels: cfg.minibatchDiscrimination, kernelDim: cfg.mbdKernelDim }), features) : features;
  let logit = apply(denseD(1, sn), head); // [B', 1]
  if (numClasses > 0) {
    const y = tfl.input({ shape: [numClasses], name: 'label' });
    inputs.push(y);
    const f = features.shape[features.shape.length - 1] as number;
    const embed = apply(tfl.layers.dense({ units: f, useBias: false, name: 'projection_embedding' }), y); // [B', F]
    const proj = apply(tfl.layers.dot({ axes: -1 }), [embed, features]); // [B', 1]
    logit = apply(tfl.layers.add(), [logit, proj]);
  }
  return tfl.model({ inputs, outputs: [logit, features], name: 'discriminator' });
}
