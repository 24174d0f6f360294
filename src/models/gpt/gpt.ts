// A GPT language model (Radford et al. 2019, following nanoGPT/minGPT): causal next-token
// cross-entropy, an explicit forward pass over the network's layers, sampling and attention maps.
import { tf, type Tensor } from '../../engine/tf.js';
import type { tfl } from '../../engine/tf.js';
import type { Batch } from '../../data/types.js';
import type { Rng } from '../../random/rng.js';
import { dropout } from '../../nn/dropout.js';
import { applyLayerNorm } from '../../nn/layer-norm.js';
import { generateTokens, type TokenSamplingOptions } from '../../samplers/autoregressive.js';
import type { LikelihoodModel, LossMode, SampleOptions } from '../types.js';
import { buildGptNetwork, type GptNetwork } from './network.js';
import type { GptModelConfig } from './config.js';

/** GPT model settings (the `model` section; inferred from the schema in config.ts). */
export type { GptModelConfig };

/** Mean cross-entropy (nats) of logits [N, V] against int32 targets [N], from logits − logsumexp. */
export function crossEntropy(logits: Tensor, targets: Tensor, weights?: Tensor): tf.Scalar {
  const v = logits.shape[1]!;
  const logp = tf.sub(logits, tf.logSumExp(logits, 1, true)); // [N, V]
  const nll = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.cast(targets, 'int32'), v), logp), 1)); // [N]
  if (!weights) return tf.mean(nll) as tf.Scalar;
  return tf.div(tf.sum(tf.mul(nll, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
}

/** A decoder-only transformer over token ids: [B, T] int32 → next-token logits [B, T, V]. */
export class Gpt implements LikelihoodModel {
  readonly networks: { gpt: tfl.LayersModel };
  readonly net: GptNetwork;
  /** Tokens the network embeds (the tokenizer's, plus [MASK] for the masked variant). */
  readonly vocabSize: number;
  readonly blockSize: number;

  constructor(readonly cfg: GptModelConfig, vocabSize: number, blockSize: number, causal = true) {
    if (!(Number.isInteger(cfg.frozenBlocks) && cfg.frozenBlocks >= 0 && cfg.frozenBlocks <= cfg.nLayer)) {
      throw new Error(`model.frozenBlocks must be an integer in 0..${cfg.nLayer} (model.nLayer), got ${cfg.frozenBlocks}.`);
    }
    this.vocabSize = vocabSize;
    this.blockSize = blockSize;
    this.net = buildGptNetwork(cfg, vocabSize, blockSize, causal);
    this.networks = { gpt: this.net.model };
    this.net.blocks.forEach((b, i) => (b.trainable = i >= cfg.frozenBlocks));
    this.net.embedding.trainable = !cfg.freezeEmbeddings;
  }

  /** Final hidden states h2d [B·T, C] (after ln_f) of token ids [B, T]; dropout only when `rng` is given. */
  hidden2d(tokens: Tensor, rng?: Rng): Tensor {
    const [b, t] = tokens.shape;
    const { embedding, blocks, lnF } = this.net;
    const drop = this.cfg.dropout > 0 ? rng : undefined;
    let h = dropout(embedding.embed2d(tokens), this.cfg.dropout, drop); // [B·T, C]
    for (const block of blocks) h = block.forward2d(h, b, t, drop);
    return applyLayerNorm(h, lnF.params);
  }

  /** Output projection h2d [N, C] → logits [N, V] (tied or untied). */
  project(h2d: Tensor): Tensor {
    return this.net.head ? this.net.head.logits2d(h2d) : this.net.embedding.logits2d(h2d);
  }

  /** Logits [B, T, V] of token ids [B, T]. */
  logits(tokens: Tensor, rng?: Rng): Tensor {
    return tf.tidy(() => {
      const [b, t] = tokens.shape;
      return tf.reshape(this.project(this.hidden2d(tokens, rng)), [b, t, this.vocabSize]);
    });
  }

  /** Mean next-token cross-entropy (nats per token) of a text batch (x, y int32 [B, T]); dropout in 'train' mode. */
  loss(batch: Batch, rng?: Rng, mode: LossMode = 'train'): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    if (!batch.y) throw new Error('GPT training needs next-token targets (batch.y); use a text dataset.');
    const [b, t] = batch.x.shape;
    const logits = this.project(this.hidden2d(batch.x, mode === 'train' ? rng : undefined)); // [B·T, V]
    return { loss: crossEntropy(logits, tf.reshape(batch.y, [b * t])), parts: {} };
  }

  /** Logits [B, V] of the last position of B contexts given as ids [B·T] (the sampler's callback). */
  nextLogits(context: Int32Array, batch: number, length: number): Float32Array {
    const out = tf.tidy(() => {
      const tokens = tf.tensor2d(context, [batch, length], 'int32');
      const h = tf.reshape(this.hidden2d(tokens), [batch, length, -1]);
      const last = tf.reshape(tf.slice(h, [0, length - 1, 0], [batch, 1, -1]), [batch, -1]); // [B, C]
      return this.project(last); // [B, V]
    });
    const v = out.dataSync() as Float32Array;
    out.dispose();
    return v;
  }

  /** Continues each prompt by `maxNew` tokens (see samplers/autoregressive); returns prompt + continuation. */
  generate(prompts: Int32Array[], maxNew: number, opts: TokenSamplingOptions, rng: Rng): Int32Array[] {
    return generateTokens((c, b, t) => this.nextLogits(c, b, t), prompts, maxNew, this.blockSize, opts, rng);
  }

  /** n sequences of `length` (default blockSize) new tokens after the start token 0 (a newline for character corpora), int32 [n, length]. */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): Tensor {
    const len = opts.length ?? this.blockSize;
    const prompts = Array.from({ length: n }, () => new Int32Array([0]));
    const seqs = this.generate(prompts, len, { temperature: opts.temperature ?? 1 }, rng);
    const flat = new Int32Array(n * len);
    seqs.forEach((s, i) => flat.set(s.subarray(1), i * len));
    return tf.tensor2d(flat, [n, len], 'int32');
  }

  /** Attention probabilities [B, H, T, T] of block `layer` for token ids [B, T]. */
  attention(tokens: Tensor, layer: number): Tensor {
    const { blocks, embedding } = this.net;
    if (!(Number.isInteger(layer) && layer >= 0 && layer < blocks.length)) throw new Error(`layer must be an integer in 0..${blocks.length - 1}, got ${layer}.`);
    return tf.tidy(() => {
      const [b, t] = tokens.shape;
      let h = embedding.embed2d(tokens);
      for (let i = 0; i < layer; i++) h = blocks[i].forward2d(h, b, t);
      return blocks[layer].attention(h, b, t);
    });
  }

  dispose(): void {
    this.net.model.dispose();
  }
}
