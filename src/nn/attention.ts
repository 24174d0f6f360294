// Multi-head scaled dot-product self-attention (Vaswani et al. 2017), causal as in GPT-2 (Radford
// et al. 2019; nanoGPT's CausalSelfAttention) or bidirectional (BERT, image tokens), as one tfjs layer.
import { tf, type Tensor } from '../engine/tf.js';
import type { tfl } from '../engine/tf.js';
import { dropout } from './dropout.js';
import { GenlabLayer, registerLayer, type BlockKwargs } from './layer-base.js';
import { addLinearParams, linear, type LinearParams } from './linear.js';
import type { Rng } from '../random/rng.js';

/** The fused query/key/value projection [C, 3C] and the output projection [C, C]. */
export interface SelfAttentionParams {
  qkv: LinearParams;
  proj: LinearParams;
}

/** How attention is computed. */
export interface SelfAttentionOptions {
  nHead: number;
  /** Position t attends only to positions ≤ t. */
  causal: boolean;
  /** Dropout on the attention weights and on the output (nanoGPT's attn_dropout / resid_dropout). */
  dropout?: number;
  rng?: Rng;
}

/** Adds the attention projections for width `dim` to `layer` under `prefix`. */
export function addSelfAttentionParams(layer: GenlabLayer, prefix: string, dim: number, bias: boolean): SelfAttentionParams {
  return { qkv: addLinearParams(layer, `${prefix}qkv/`, dim, 3 * dim, bias), proj: addLinearParams(layer, `${prefix}proj/`, dim, dim, bias) };
}

const maskCache = new Map<number, Float32Array>();

/** Additive causal mask [T, T]: 0 on and below the diagonal, −1e9 above (exp underflows to exactly 0). */
export function causalMask(t: number): Tensor {
  let m = maskCache.get(t);
  if (!m) {
    m = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) m[i * t + j] = -1e9;
    maskCache.set(t, m);
  }
  return tf.tensor2d(m, [t, t]);
}

/** Attention probabilities [B·H, T, T] and the per-head values [B·H, T, D] of x2d [B·T, C]. */
function attend(x2d: Tensor, b: number, t: number, p: SelfAttentionParams, o: SelfAttentionOptions): { att: Tensor; v: Tensor } {
  const c = x2d.shape[1]!;
  const h = o.nHead;
  const d = c / h;
  const qkv = linear(x2d, p.qkv); // [B·T, 3C]
  const [q, k, v] = tf.split(qkv, 3, 1); // [B·T, C] each: 2-D splits are fast on wasm, 5-D ones are not
  const heads = (z: Tensor) => tf.reshape(tf.transpose(tf.reshape(z, [b, t, h, d]), [0, 2, 1, 3]), [b * h, t, d]); // [B·H, T, D]
  const qh = heads(tf.mul(q, 1 / Math.sqrt(d))); // scale q: fewer elements than the [T, T] scores
  const kT = tf.reshape(tf.transpose(tf.reshape(k, [b, t, h, d]), [0, 2, 3, 1]), [b * h, d, t]); // [B·H, D, T]
  let scores = tf.matMul(qh, kT); // [B·H, T, T] = q·kᵀ/√D
  if (o.causal) scores = tf.add(scores, causalMask(t));
  const att = tf.softmax(scores, -1); // [B·H, T, T]
  return { att, v: heads(v) };
}

/** Self-attention of x2d [B·T, C] (B sequences of length T) → [B·T, C]. */
export function selfAttention(x2d: Tensor, b: number, t: number, p: SelfAttentionParams, o: SelfAttentionOptions): Tensor {
  const c = x2d.shape[1]!;
  const h = o.nHead;
  if (c % h !== 0) throw new Error(`self-attention: width ${c} is not divisible by ${h} heads.`);
  const { att, v } = attend(x2d, b, t, p, o);
  const y = tf.matMul(dropout(att, o.dropout ?? 0, o.rng), v); // [B·H, T, D]
  const merged = tf.reshape(tf.transpose(tf.reshape(y, [b, h, t, c / h]), [0, 2, 1, 3]), [b * t, c]); // [B·T, C]
  return dropout(linear(merged, p.proj), o.dropout ?? 0, o.rng);
}

/** The attention probabilities [B, H, T, T] of x2d [B·T, C] (for attention maps). */
export function attentionProbabilities(x2d: Tensor, b: number, t: number, p: SelfAttentionParams, o: SelfAttentionOptions): Tensor {
  return tf.tidy(() => tf.reshape(attend(x2d, b, t, p, { ...o, dropout: 0 }).att, [b, o.nHead, t, t]));
}

/** Settings of the SelfAttention layer. */
export interface SelfAttentionArgs {
  name?: string;
  trainable?: boolean;
  nHead: number;
  causal?: boolean;
  bias?: boolean;
  dropout?: number;
}

/** Multi-head self-attention as a tfjs layer: [B, T, C] → [B, T, C] (image families pass T = H·W tokens). */
export class SelfAttention extends GenlabLayer {
  static className = 'GenlabSelfAttention';
  readonly nHead: number;
  readonly causal: boolean;
  readonly bias: boolean;
  readonly dropoutRate: number;
  params!: SelfAttentionParams;

  constructor(args: SelfAttentionArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.nHead = args.nHead;
    this.causal = args.causal ?? false;
    this.bias = args.bias ?? true;
    this.dropoutRate = args.dropout ?? 0;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const c = (inputShape as tfl.Shape)[2]!;
    if (c % this.nHead !== 0) throw new Error(`${this.name}: width ${c} is not divisible by ${this.nHead} heads.`);
    this.params = addSelfAttentionParams(this, '', c, this.bias);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: BlockKwargs = {}): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [b, t, c] = x.shape;
    const rng = kwargs.training ? kwargs.rng : undefined;
    const y = selfAttention(tf.reshape(x, [b * t, c]), b, t, this.params, { nHead: this.nHead, causal: this.causal, dropout: this.dropoutRate, rng });
    return tf.reshape(y, [b, t, c]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), nHead: this.nHead, causal: this.causal, bias: this.bias, dropout: this.dropoutRate };
  }
}
registerLayer(SelfAttention);
