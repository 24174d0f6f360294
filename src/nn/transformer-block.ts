// A pre-LayerNorm transformer block (GPT-2, Radford et al. 2019; nanoGPT's Block):
// x ← x + attn(ln1(x)); x ← x + mlp(ln2(x)). Shared by the GPT and image-token families.
import { tf, type Tensor } from '../engine/tf.js';
import type { tfl } from '../engine/tf.js';
import { addSelfAttentionParams, attentionProbabilities, selfAttention, type SelfAttentionParams } from './attention.js';
import { GenlabLayer, registerLayer, type BlockKwargs } from './layer-base.js';
import { addLayerNormParams, applyLayerNorm, type LayerNormParams } from './layer-norm.js';
import { addMlpParams, mlp, type MlpParams } from './mlp.js';
import type { Rng } from '../random/rng.js';

/** Settings of a TransformerBlock. */
export interface TransformerBlockArgs {
  name?: string;
  trainable?: boolean;
  nHead: number;
  causal?: boolean;
  /** Biases in the projections and layer norms (nanoGPT's `bias`). */
  bias?: boolean;
  dropout?: number;
  /** Hidden width of the MLP as a multiple of the model width (4 in GPT-2). */
  mlpRatio?: number;
}

/** One pre-LN transformer block as a tfjs layer: [B, T, C] → [B, T, C]. */
export class TransformerBlock extends GenlabLayer {
  static className = 'GenlabTransformerBlock';
  readonly nHead: number;
  readonly causal: boolean;
  readonly bias: boolean;
  readonly dropoutRate: number;
  readonly mlpRatio: number;
  ln1!: LayerNormParams;
  attn!: SelfAttentionParams;
  ln2!: LayerNormParams;
  mlp!: MlpParams;

  constructor(args: TransformerBlockArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.nHead = args.nHead;
    this.causal = args.causal ?? true;
    this.bias = args.bias ?? true;
    this.dropoutRate = args.dropout ?? 0;
    this.mlpRatio = args.mlpRatio ?? 4;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const c = (inputShape as tfl.Shape)[2]!;
    if (c % this.nHead !== 0) throw new Error(`${this.name}: width ${c} is not divisible by ${this.nHead} heads.`);
    this.ln1 = addLayerNormParams(this, 'ln1/', c, this.bias);
    this.attn = addSelfAttentionParams(this, 'attn/', c, this.bias);
    this.ln2 = addLayerNormParams(this, 'ln2/', c, this.bias);
    this.mlp = addMlpParams(this, 'mlp/', c, this.mlpRatio * c, this.bias);
    this.built = true;
  }

  /** The block on the residual stream x2d [B·T, C] of B sequences of length T. */
  forward2d(x2d: Tensor, b: number, t: number, rng?: Rng): Tensor {
    const o = { nHead: this.nHead, causal: this.causal, dropout: this.dropoutRate, rng };
    const h = tf.add(x2d, selfAttention(applyLayerNorm(x2d, this.ln1), b, t, this.attn, o)); // [B·T, C]
    return tf.add(h, mlp(applyLayerNorm(h, this.ln2), this.mlp, this.dropoutRate, rng));
  }

  /** Attention probabilities [B, H, T, T] of this block for its input x2d [B·T, C]. */
  attention(x2d: Tensor, b: number, t: number): Tensor {
    return tf.tidy(() => attentionProbabilities(applyLayerNorm(x2d, this.ln1), b, t, this.attn, { nHead: this.nHead, causal: this.causal }));
  }

  override call(inputs: Tensor | Tensor[], kwargs: BlockKwargs = {}): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [b, t, c] = x.shape;
    return tf.reshape(this.forward2d(tf.reshape(x, [b * t, c]), b, t, kwargs.training ? kwargs.rng : undefined), [b, t, c]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), nHead: this.nHead, causal: this.causal, bias: this.bias, dropout: this.dropoutRate, mlpRatio: this.mlpRatio };
  }
}
registerLayer(TransformerBlock);
