// Residual conv block with timestep conditioning and a spatial self-attention block, as in the DDPM
// UNet (Ho et al. 2020, App. B; diffusers' ResnetBlock2D / AttentionBlock), built from tfjs layers.
import { tfl } from '../engine/tf.js';
import { GroupNorm } from './group-norm.js';
import { SelfAttention } from './attention.js';
import { ScaleShift } from './scale-shift.js';

type Sym = tfl.SymbolicTensor;

/** The largest group count ≤ `groups` that divides `c`. */
export function groupsFor(c: number, groups: number): number {
  let g = Math.min(groups, c);
  while (c % g !== 0) g--;
  return g;
}

/** How the embedding enters a residual block: added before the second GroupNorm, or as its scale and shift. */
export type EmbeddingMode = 'add' | 'scale-shift';

/**
 * GroupNorm → SiLU → 3×3 conv → (+ dense(SiLU(emb)) per channel) → GroupNorm → SiLU → 3×3 conv, plus a
 * (1×1) skip: [B,H,W,Cin] → [B,H,W,Cout]; with 'scale-shift' the embedding sets the second norm's
 * per-channel scale and shift instead of being added before it.
 */
export function residualBlock(x: Sym, emb: Sym | null, outCh: number, groups: number, name: string, mode: EmbeddingMode = 'add'): Sym {
  const inCh = x.shape[3]!;
  let h = new GroupNorm({ groups: groupsFor(inCh, groups), name: `${name}_norm1` }).apply(x) as Sym;
  h = tfl.layers.activation({ activation: 'swish' }).apply(h) as Sym;
  h = tfl.layers.conv2d({ filters: outCh, kernelSize: 3, padding: 'same', name: `${name}_conv1` }).apply(h) as Sym;
  let e: Sym | null = null;
  if (emb) {
    const units = mode === 'scale-shift' ? 2 * outCh : outCh;
    e = tfl.layers.activation({ activation: 'swish' }).apply(emb) as Sym;
    e = tfl.layers.dense({ units, name: `${name}_emb` }).apply(e) as Sym; // [B, units]
    e = tfl.layers.reshape({ targetShape: [1, 1, units] }).apply(e) as Sym; // [B, 1, 1, units]
    if (mode === 'add') h = tfl.layers.add().apply([h, e]) as Sym;
  }
  h = new GroupNorm({ groups: groupsFor(outCh, groups), name: `${name}_norm2` }).apply(h) as Sym;
  if (e && mode === 'scale-shift') h = new ScaleShift({ name: `${name}_film` }).apply([h, e]) as Sym;
  h = tfl.layers.activation({ activation: 'swish' }).apply(h) as Sym;
  h = tfl.layers.conv2d({ filters: outCh, kernelSize: 3, padding: 'same', name: `${name}_conv2` }).apply(h) as Sym;
  const skip = inCh === outCh ? x : (tfl.layers.conv2d({ filters: outCh, kernelSize: 1, name: `${name}_skip` }).apply(x) as Sym);
  return tfl.layers.add().apply([skip, h]) as Sym;
}

/** x + SelfAttention(GroupNorm(x)) over the H·W positions: [B,H,W,C] → [B,H,W,C] (one head by default). */
export function spatialAttentionBlock(x: Sym, groups: number, name: string, nHead = 1): Sym {
  const [, H, W, C] = x.shape as number[];
  let h = new GroupNorm({ groups: groupsFor(C, groups), name: `${name}_norm` }).apply(x) as Sym;
  h = tfl.layers.reshape({ targetShape: [H * W, C] }).apply(h) as Sym; // [B, HW, C]
  h = new SelfAttention({ nHead, name: `${name}_attn` }).apply(h) as Sym;
  h = tfl.layers.reshape({ targetShape: [H, W, C] }).apply(h) as Sym;
  return tfl.layers.add().apply([x, h]) as Sym;
}
