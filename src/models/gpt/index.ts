// Public API of the GPT family: the causal and masked-LM models, their registry entries, the
// tokenizers and the autoregressive sampler they use, and the shared transformer blocks (src/nn).
export { Gpt, crossEntropy, type GptModelConfig } from './gpt.js';
export { MaskedGpt, type MaskedGptModelConfig, type Corruption } from './masked.js';
export { gptSpec, gptMlmSpec, GPT_SPECS, type GptConfig, type MaskedGptConfig } from './spec.js';
export { buildGptNetwork, type GptNetConfig, type GptNetwork } from './network.js';
export { GptEmbedding, LmHead } from './layers.js';
export { initGptWeights } from './init.js';
export { ByteBpeTokenizer, tokenizerFromJSON, pretokenize, GPT2_PATTERN, type ByteBpeJSON } from '../../data/bpe.js';
export { CharTokenizer, type Tokenizer, type CharTokenizerJSON } from '../../data/tokenizer.js';
export { TextDataset, textDatasets, type TextDatasetOptions } from '../../data/text.js';
export {
  generateTokens, sampleToken, nextTokenProbabilities, argmax, checkSamplingOptions,
  type TokenSamplingOptions, type NextTokenLogits,
} from '../../samplers/autoregressive.js';
export { TransformerBlock, type TransformerBlockArgs } from '../../nn/transformer-block.js';
export { SelfAttention, selfAttention, attentionProbabilities, causalMask, type SelfAttentionParams, type SelfAttentionOptions } from '../../nn/attention.js';
export { LayerNorm, layerNorm, LAYER_NORM_EPS } from '../../nn/layer-norm.js';
export { mlp, gelu, type MlpParams } from '../../nn/mlp.js';
export { dropout } from '../../nn/dropout.js';
