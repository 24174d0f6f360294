// A small UNet denoiser for 28×28 / 32×32 images (Ho et al. 2020, App. B, scaled down): residual
// blocks with timestep (and class) embeddings, self-attention at the lowest resolution, skip connections.
import { tfl } from '../../engine/tf.js';
import { residualBlock, spatialAttentionBlock, type EmbeddingMode } from '../../nn/residual-block.js';
import { GroupNorm } from '../../nn/group-norm.js';
import { groupsFor } from '../../nn/residual-block.js';

type Sym = tfl.SymbolicTensor;

/** UNet settings. */
export interface UNetConfig {
  /** Image shape [H, W, C] (H, W divisible by 2^(levels−1)). */
  shape: number[];
  /** Extra input channels concatenated to x (super-resolution conditioning); 0 = none. */
  condChannels: number;
  channels: number;
  channelMults: number[];
  attention: boolean;
  groups: number;
  embDim: number;
  numClasses: number;
  /** How the time/class embedding enters each residual block. */
  embedding: EmbeddingMode;
}

/** Inputs [x [B,H,W,C+cond], temb [B,E], (onehot [B,K+1])] → prediction [B,H,W,C]. */
export function buildUNet(cfg: UNetConfig, name = 'denoiser'): tfl.LayersModel {
  const [H, W, C] = cfg.shape;
  const levels = cfg.channelMults.length;
  const f = 2 ** (levels - 1);
  if (cfg.shape.length !== 3 || H % f !== 0 || W % f !== 0) {
    throw new Error(`The UNet with ${levels} levels needs images [H, W, C] with H and W divisible by ${f}; got [${cfg.shape.join(', ')}].`);
  }
  const x = tfl.input({ shape: [H, W, C + cfg.condChannels], name: 'x' });
  const t = tfl.input({ shape: [cfg.embDim], name: 'temb' });
  const inputs: Sym[] = [x, t];
  const E = 4 * cfg.channels;
  let emb = tfl.layers.dense({ units: E, activation: 'swish', name: 'temb_fc1' }).apply(t) as Sym; // [B, 4ch]
  emb = tfl.layers.dense({ units: E, name: 'temb_fc2' }).apply(emb) as Sym;
  if (cfg.numClasses > 0) {
    const y = tfl.input({ shape: [cfg.numClasses + 1], name: 'label' });
    inputs.push(y);
    emb = tfl.layers.add().apply([emb, tfl.layers.dense({ units: E, useBias: false, name: 'label_emb' }).apply(y) as Sym]) as Sym;
  }
  let h = tfl.layers.conv2d({ filters: cfg.channels, kernelSize: 3, padding: 'same', name: 'conv_in' }).apply(x) as Sym; // [B,H,W,ch]
  const skips: Sym[] = [];
  // down path: one residual block per level, 2× average-pool between levels
  cfg.channelMults.forEach((m, i) => {
    h = residualBlock(h, emb, cfg.channels * m, cfg.groups, `down${i}`, cfg.embedding);
    skips.push(h);
    if (i < levels - 1) h = tfl.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(h) as Sym;
  });
  // middle: res → attention → res at the lowest resolution [B, H/f, W/f, ·]
  const cMid = cfg.channels * cfg.channelMults[levels - 1];
  h = residualBlock(h, emb, cMid, cfg.groups, 'mid0', cfg.embedding);
  if (cfg.attention) h = spatialAttentionBlock(h, cfg.groups, 'mid_attn');
  h = residualBlock(h, emb, cMid, cfg.groups, 'mid1', cfg.embedding);
  // up path: concat skip, residual block, nearest 2× upsample
  for (let i = levels - 1; i >= 0; i--) {
    h = tfl.layers.concatenate().apply([h, skips[i]]) as Sym;
    h = residualBlock(h, emb, cfg.channels * cfg.channelMults[i], cfg.groups, `up${i}`, cfg.embedding);
    if (i > 0) h = tfl.layers.upSampling2d({ size: [2, 2] }).apply(h) as Sym;
  }
  h = new GroupNorm({ groups: groupsFor(cfg.channels * cfg.channelMults[0], cfg.groups), name: 'norm_out' }).apply(h) as Sym;
  h = tfl.layers.activation({ activation: 'swish' }).apply(h) as Sym;
  const out = tfl.layers.conv2d({ filters: C, kernelSize: 3, padding: 'same', name: 'conv_out' }).apply(h) as Sym; // [B,H,W,C]
  return tfl.model({ inputs, outputs: out, name });
}
