// Test helpers for the GPT family: the nanoGPT fixture, and copying a nanoGPT state_dict into a genlab Gpt.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../../src/engine/tf.js';
import { Gpt } from '../../src/models/gpt/gpt.js';

/** One case of test/fixtures/gpt/gpt-logits.json. */
export interface FixtureCase {
  config: { vocab_size: number; block_size: number; n_layer: number; n_head: number; n_embd: number; bias: boolean; tie: boolean };
  state_dict: Record<string, { shape: number[]; data: number[] }>;
  idx: number[][];
  logits: number[];
  targets: number[][];
  loss: number;
  grads: Record<string, number[]>;
  prompt: number[];
  greedy: number[];
}

/** The committed PyTorch fixture (made by test/fixtures/gpt/make_fixture.py). */
export function loadFixture(): { cases: FixtureCase[] } {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  return JSON.parse(readFileSync(path.join(dir, '../fixtures/gpt/gpt-logits.json'), 'utf8'));
}

/** The nanoGPT state_dict key of a genlab GPT weight, and whether its layout is transposed ([out, in] vs [in, out]). */
export function torchName(name: string): { key: string; transpose: boolean } {
  const m = /^block_(\d+)\/(ln1|ln2|attn\/qkv|attn\/proj|mlp\/fc|mlp\/proj)\/(gamma|beta|kernel|bias)$/.exec(name);
  if (m) {
    const mod = { ln1: 'ln_1', ln2: 'ln_2', 'attn/qkv': 'attn.c_attn', 'attn/proj': 'attn.c_proj', 'mlp/fc': 'mlp.c_fc', 'mlp/proj': 'mlp.c_proj' }[m[2]]!;
    const p = { gamma: 'weight', beta: 'bias', kernel: 'weight', bias: 'bias' }[m[3]]!;
    return { key: `transformer.h.${m[1]}.${mod}.${p}`, transpose: m[3] === 'kernel' };
  }
  const fixed: Record<string, { key: string; transpose: boolean }> = {
    'embedding/wte': { key: 'transformer.wte.weight', transpose: false },
    'embedding/wpe': { key: 'transformer.wpe.weight', transpose: false },
    'ln_f/gamma': { key: 'transformer.ln_f.weight', transpose: false },
    'ln_f/beta': { key: 'transformer.ln_f.bias', transpose: false },
    'lm_head/kernel': { key: 'lm_head.weight', transpose: true },
  };
  if (!fixed[name]) throw new Error(`no nanoGPT name for ${name}`);
  return fixed[name];
}

/** Builds a genlab Gpt with the fixture's architecture and copies its weights in (Linear weights transposed to [in, out]). */
export function gptFromFixture(c: FixtureCase): Gpt {
  const cfg = c.config;
  const model = new Gpt(
    { nLayer: cfg.n_layer, nHead: cfg.n_head, nEmbd: cfg.n_embd, dropout: 0, bias: cfg.bias, tieWeights: cfg.tie, initStd: 0.02, frozenBlocks: 0, freezeEmbeddings: false },
    cfg.vocab_size,
    cfg.block_size,
  );
  for (const w of model.networks.gpt.weights) {
    const { key, transpose } = torchName(w.originalName);
    const src = c.state_dict[key];
    if (!src) throw new Error(`fixture lacks ${key}`);
    tf.tidy(() => {
      const t = tf.tensor(src.data, src.shape);
      w.write(transpose ? tf.transpose(t) : t);
    });
  }
  return model;
}
