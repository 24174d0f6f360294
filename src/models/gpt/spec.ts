// Registry entries for the GPT family: the causal GPT (nanoGPT defaults: its CPU "baby" Shakespeare
// config) and the bidirectional masked-LM variant for infilling (BERT-style).
import { z } from 'zod';
import { seedSchema, trainSchema, type TrainConfig } from '../../config/common.js';
import type { DataInfo, ModelSpec } from '../types.js';
import { Gpt } from './gpt.js';
import { initGptWeights } from './init.js';
import { MaskedGpt } from './masked.js';
import { gptModelShape, maskedGptModelShape, textDataShape } from './config.js';

// nanoGPT train.py defaults + config/train_shakespeare_char.py + the CPU overrides of nanoGPT's README
const trainDefaults: Partial<TrainConfig> = {
  steps: 2000, batchSize: 12, optimizer: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0.1, gradClip: 1,
  lrSchedule: 'cosine', warmupSteps: 100, minLr: 1e-4, evalEvery: 250, checkpointEvery: 500, logEvery: 10,
};

function schemaWith<M extends z.ZodRawShape>(model: M, blockSize = 64, train: Partial<TrainConfig> = {}) {
  return z.strictObject({
    seed: seedSchema(1337),
    model: z.strictObject(model).prefault({} as never),
    data: z.strictObject(textDataShape(blockSize)).prefault({}),
    train: trainSchema({ ...trainDefaults, ...train }),
  });
}

const gptSchema = schemaWith(gptModelShape);
const maskedGptSchema = schemaWith(maskedGptModelShape, 32, { batchSize: 48 });

/** Full GPT config. */
export type GptConfig = z.output<typeof gptSchema>;

/** Full masked-LM config. */
export type MaskedGptConfig = z.output<typeof maskedGptSchema>;

function checkData(data: DataInfo): { vocab: number; block: number } {
  if (data.kind !== 'text' || !data.vocabSize) throw new Error('GPT models train on text datasets (data.name=text) with a tokenizer.');
  return { vocab: data.vocabSize, block: data.shape[0] };
}

const tiny = {
  model: { nLayer: 2, nHead: 2, nEmbd: 16 },
  data: { blockSize: 16 },
  train: { steps: 20, batchSize: 8, warmupSteps: 2, evalEvery: 0, checkpointEvery: 0, logEvery: 5 },
};

/** The causal GPT (token + position embeddings, pre-LN blocks, tied head) for text generation. */
export const gptSpec: ModelSpec<GptConfig> = {
  id: 'gpt',
  family: 'gpt',
  description: 'GPT language model (causal self-attention, char or byte-level BPE tokens); nanoGPT defaults',
  schema: gptSchema,
  presets: {
    tiny,
    // nanoGPT's README CPU run: n_layer 4, n_head 4, n_embd 128, block 64, batch 12, 2000 iters, dropout 0 (= the defaults)
    baby: {},
    // config/train_shakespeare_char.py (the GPU configuration, val loss 1.4697 in nanoGPT's README)
    'shakespeare-char': {
      model: { nLayer: 6, nHead: 6, nEmbd: 384, dropout: 0.2 },
      data: { blockSize: 256 },
      train: { steps: 5000, batchSize: 64, evalEvery: 250, checkpointEvery: 1000 },
    },
    bpe: { data: { tokenizer: 'bpe', vocabSize: 512 } },
    // fine-tuning from --init: small constant-ish learning rate, lower half of the blocks frozen
    finetune: { model: { frozenBlocks: 2 }, train: { steps: 500, lr: 3e-4, minLr: 3e-5, warmupSteps: 20, evalEvery: 100 } },
  },
  capabilities: { data: ['text'], conditional: false, output: 'text', latent: false, likelihood: false, tasks: ['generate', 'attention'] },
  recipe: 'likelihood',
  create(config, rng, data) {
    const { vocab, block } = checkData(data);
    const model = new Gpt(config.model, vocab, block);
    initGptWeights(model.net.model, config.model.nLayer, rng, config.model.initStd);
    return model;
  },
};

/**
 * The bidirectional masked-LM variant: fills `_` gaps in a prompt (genlab infill). Its defaults differ
 * from the GPT's: with 15 % of 12×64 positions as targets it sits at the unigram plateau for over 1000
 * steps (nanoGPT-style PyTorch twin too), while 48 windows of 32 leave it after ~500.
 */
export const gptMlmSpec: ModelSpec<MaskedGptConfig> = {
  id: 'gpt-mlm',
  family: 'gpt',
  description: 'Bidirectional masked-LM transformer (BERT-style 15 % masking) for infilling gaps in text',
  schema: maskedGptSchema,
  presets: {
    tiny,
    // the GPT's nanoGPT baby shape (block 64, batch 12): stays near the unigram plateau (see above)
    baby: { data: { blockSize: 64 }, train: { batchSize: 12 } },
    bpe: { data: { tokenizer: 'bpe', vocabSize: 512 } },
  },
  capabilities: { data: ['text'], conditional: false, output: 'text', latent: false, likelihood: false, tasks: ['infill', 'attention'] },
  recipe: 'likelihood',
  create(config, rng, data) {
    const { vocab, block } = checkData(data);
    const model = new MaskedGpt(config.model, vocab, block);
    initGptWeights(model.net.model, config.model.nLayer, rng, config.model.initStd);
    return model;
  },
};

/** Both GPT-family registry entries. */
export const GPT_SPECS = [gptSpec, gptMlmSpec];
