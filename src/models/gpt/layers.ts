// GPT-specific layers: token + learned position embeddings whose token table doubles as the tied
// output projection (Press & Wolf 2017; GPT-2 / nanoGPT weight tying), and an untied LM head.
import { tf, type Tensor } from '../../engine/tf.js';
import type { tfl } from '../../engine/tf.js';
import { GenlabLayer, registerLayer } from '../../nn/layer-base.js';

/** Settings of the embedding layer. */
export interface GptEmbeddingArgs {
  name?: string;
  trainable?: boolean;
  vocabSize: number;
  blockSize: number;
  dim: number;
}

/**
 * Token table wte [V, C] + position table wpe [blockSize, C]. Applied to token ids [B, T] it embeds;
 * applied (as a shared layer) to hidden states [B, T, C] it returns tied logits [B, T, V] = h·wteᵀ.
 */
export class GptEmbedding extends GenlabLayer {
  static className = 'GenlabGptEmbedding';
  readonly vocabSize: number;
  readonly blockSize: number;
  readonly dim: number;
  wte!: tfl.LayerVariable;
  wpe!: tfl.LayerVariable;

  constructor(args: GptEmbeddingArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.vocabSize = args.vocabSize;
    this.blockSize = args.blockSize;
    this.dim = args.dim;
  }

  override build(): void {
    this.wte = this.param('wte', [this.vocabSize, this.dim]);
    this.wpe = this.param('wpe', [this.blockSize, this.dim]);
    this.built = true;
  }

  /** Token ids [B, T] (T ≤ blockSize) → embeddings x2d [B·T, C]. */
  embed2d(tokens: Tensor): Tensor {
    const [b, t] = tokens.shape;
    if (t > this.blockSize) throw new Error(`Cannot embed a sequence of length ${t}: the model's block size is only ${this.blockSize}.`);
    // one-hot · wte instead of a gather: exact, and its gradient is a matmul (a gather's needs
    // UnsortedSegmentSum, which wasm lacks and its cpu fallback runs ~100× slower)
    const onehot = tf.oneHot(tf.reshape(tf.cast(tokens, 'int32'), [b * t]), this.vocabSize); // [B·T, V]
    const tok = tf.matMul(onehot, this.wte.read()); // [B·T, C]
    const pos = tf.slice(this.wpe.read(), [0, 0], [t, this.dim]); // [T, C]
    return tf.reshape(tf.add(tf.reshape(tok, [b, t, this.dim]), pos), [b * t, this.dim]);
  }

  /** Tied output projection: h2d [N, C] → logits [N, V] = h·wteᵀ. */
  logits2d(h2d: Tensor): Tensor {
    return tf.matMul(h2d, tf.transpose(this.wte.read())); // explicit transpose: transposeB is slow on wasm
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = inputShape as tfl.Shape;
    return s.length === 2 ? [s[0], s[1], this.dim] : [...s.slice(0, -1), this.vocabSize];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [b, t, c] = x.shape as number[];
    if (x.rank === 2) return tf.reshape(this.embed2d(x), [b, t, this.dim]);
    return tf.reshape(this.logits2d(tf.reshape(x, [b * t, c])), [b, t, this.vocabSize]);
  }

  /**
   * Releases the weights once the owning model is disposed: tfjs-layers counts each symbolic call as a
   * use (two here: embedding and tied head) but a model disposes each of its layers only once.
   */
  override dispose(): { refCountAfterDispose: number; numDisposedVariables: number } {
    let r = super.dispose();
    let n = r.numDisposedVariables;
    while (r.refCountAfterDispose > 0) {
      r = super.dispose();
      n += r.numDisposedVariables;
    }
    return { refCountAfterDispose: 0, numDisposedVariables: n };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabSize: this.vocabSize, blockSize: this.blockSize, dim: this.dim };
  }
}
registerLayer(GptEmbedding);

/** An untied output projection without bias (nanoGPT's lm_head): [B, T, C] → [B, T, V]. */
export class LmHead extends GenlabLayer {
  static className = 'GenlabLmHead';
  readonly vocabSize: number;
  kernel!: tfl.LayerVariable;

  constructor(args: { name?: string; trainable?: boolean; vocabSize: number }) {
    super({ name: args.name, trainable: args.trainable });
    this.vocabSize = args.vocabSize;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const s = inputShape as tfl.Shape;
    this.kernel = this.param('kernel', [s[s.length - 1]!, this.vocabSize]);
    this.built = true;
  }

  /** h2d [N, C] → logits [N, V]. */
  logits2d(h2d: Tensor): Tensor {
    return tf.matMul(h2d, this.kernel.read());
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = inputShape as tfl.Shape;
    return [...s.slice(0, -1), this.vocabSize];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [b, t, c] = x.shape as number[];
    return tf.reshape(this.logits2d(tf.reshape(x, [b * t, c])), [b, t, this.vocabSize]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabSize: this.vocabSize };
  }
}
registerLayer(LmHead);
