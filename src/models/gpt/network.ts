// The GPT network as a standard tfjs layers model (Radford et al. 2019; nanoGPT's model.py):
// token ids [B, T] → embeddings → nLayer pre-LN blocks → final LayerNorm → logits [B, T, V].
import { tfl } from '../../engine/tf.js';
import { LayerNorm } from '../../nn/layer-norm.js';
import { TransformerBlock } from '../../nn/transformer-block.js';
import { GptEmbedding, LmHead } from './layers.js';
import type { GptNetConfig } from './config.js';

/** Settings of the transformer network (inferred from the schema in config.ts). */
export type { GptNetConfig };

/** The built network and direct handles on its layers (used by the fast explicit forward pass). */
export interface GptNetwork {
  model: tfl.LayersModel;
  embedding: GptEmbedding;
  blocks: TransformerBlock[];
  lnF: LayerNorm;
  /** The untied head, or null when the embedding is tied. */
  head: LmHead | null;
}

/** Builds the network for `vocabSize` tokens and contexts of up to `blockSize`; `causal` false gives a BERT-style encoder. */
export function buildGptNetwork(cfg: GptNetConfig, vocabSize: number, blockSize: number, causal: boolean): GptNetwork {
  if (cfg.nEmbd % cfg.nHead !== 0) throw new Error(`model.nEmbd (${cfg.nEmbd}) must be divisible by model.nHead (${cfg.nHead}).`);
  const tokens = tfl.input({ shape: [null], dtype: 'int32', name: 'tokens' }); // [B, T]
  const embedding = new GptEmbedding({ name: 'embedding', vocabSize, blockSize, dim: cfg.nEmbd });
  let h = embedding.apply(tokens) as tfl.SymbolicTensor; // [B, T, C]
  const blocks: TransformerBlock[] = [];
  for (let i = 0; i < cfg.nLayer; i++) {
    const block = new TransformerBlock({ name: `block_${i}`, nHead: cfg.nHead, causal, bias: cfg.bias, dropout: cfg.dropout });
    h = block.apply(h) as tfl.SymbolicTensor; // [B, T, C]
    blocks.push(block);
  }
  const lnF = new LayerNorm({ name: 'ln_f', bias: cfg.bias });
  h = lnF.apply(h) as tfl.SymbolicTensor;
  const head = cfg.tieWeights ? null : new LmHead({ name: 'lm_head', vocabSize });
  const logits = (head ?? embedding).apply(h) as tfl.SymbolicTensor; // [B, T, V]
  const model = tfl.model({ inputs: tokens, outputs: logits, name: causal ? 'gpt' : 'gpt_mlm' });
  return { model, embedding, blocks, lnF, head };
}
