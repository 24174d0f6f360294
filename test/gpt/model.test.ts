// GPT model behaviour: the causal mask holds (a future token never changes earlier logits), the masked-LM
// variant is bidirectional, a zero model's loss is log V, freezing keeps lower blocks fixed, dropout is seeded.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { Gpt, type GptModelConfig } from '../../src/models/gpt/gpt.js';
import { MaskedGpt } from '../../src/models/gpt/masked.js';
import { initGptWeights } from '../../src/models/gpt/init.js';
import { likelihoodRecipe } from '../../src/train/recipes/likelihood.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';
import { gptSpec } from '../../src/models/gpt/spec.js';
import { resolveModelConfig } from '../../src/registry.js';

const cfg: GptModelConfig = { nLayer: 2, nHead: 2, nEmbd: 16, dropout: 0, bias: true, tieWeights: true, initStd: 0.3, frozenBlocks: 0, freezeEmbeddings: false };
const V = 11;
const T = 10;

function randomGpt(seed: number, over: Partial<GptModelConfig> = {}): Gpt {
  const c = { ...cfg, ...over };
  const m = new Gpt(c, V, T);
  initGptWeights(m.net.model, c.nLayer, new Rng(seed), c.initStd);
  return m;
}

function logitsOf(m: Gpt, ids: number[]): Float32Array {
  const x = tf.tensor2d([ids], undefined, 'int32');
  const l = m.logits(x);
  const v = l.dataSync() as Float32Array;
  x.dispose();
  l.dispose();
  return v;
}

for (const backend of TEST_BACKENDS) {
  describe(`GPT model (${backend})`, () => {
    before(() => useBackend(backend));

    test('causal mask: changing token j never changes the logits of positions < j', () => {
      const m = randomGpt(3);
      const rng = new Rng(9);
      const base = Array.from({ length: T }, () => rng.int(V));
      const a = logitsOf(m, base);
      for (const j of [1, 4, T - 1]) {
        const changed = [...base];
        changed[j] = (changed[j] + 1 + rng.int(V - 1)) % V;
        const b = logitsOf(m, changed);
        assert.deepEqual(b.subarray(0, j * V), a.subarray(0, j * V), `positions before ${j} changed`);
        assert.notDeepEqual(b.subarray(j * V), a.subarray(j * V), `position ${j} itself must see its token`);
      }
      m.dispose();
    });

    test('the masked-LM variant is bidirectional: a later token changes earlier logits', () => {
      const m = new MaskedGpt({ ...cfg, maskRate: 0.15 }, V, T);
      initGptWeights(m.net.model, cfg.nLayer, new Rng(4), 0.3);
      const base = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      const a = logitsOf(m, base);
      const b = logitsOf(m, [...base.slice(0, 9), 0]);
      assert.notDeepEqual(b.subarray(0, V + 1), a.subarray(0, V + 1));
      m.dispose();
    });

    test('zero weights give uniform predictions: loss = log V', () => {
      const m = randomGpt(1);
      for (const w of m.net.model.weights) if (!/gamma$/.test(w.originalName)) tf.tidy(() => {
        w.write(tf.zerosLike(w.read()));
      });
      const x = tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32');
      const y = tf.tensor2d([[2, 3, 4, 5]], undefined, 'int32');
      const { loss } = m.loss({ x, y });
      assert.ok(Math.abs(loss.dataSync()[0] - Math.log(V)) < 1e-6);
      [x, y, loss].forEach((t) => t.dispose());
      m.dispose();
    });

    test('dropout masks come from the Rng: same seed → same loss, eval mode has no dropout', () => {
      const m = randomGpt(2, { dropout: 0.3 });
      const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]], undefined, 'int32');
      const y = tf.tensor2d([[2, 3, 4, 5, 6, 7]], undefined, 'int32');
      const lossWith = (rng: Rng | undefined, mode: 'train' | 'eval') => tf.tidy(() => m.loss({ x, y }, rng, mode).loss.dataSync()[0]);
      assert.equal(lossWith(new Rng(5), 'train'), lossWith(new Rng(5), 'train'));
      assert.notEqual(lossWith(new Rng(5), 'train'), lossWith(new Rng(6), 'train'));
      assert.equal(lossWith(new Rng(5), 'eval'), lossWith(undefined, 'train'));
      [x, y].forEach((t) => t.dispose());
      m.dispose();
    });
  });
}

describe('GPT fine-tuning (cpu)', () => {
  before(() => useBackend('cpu'));

  test('frozenBlocks keeps the lower blocks (and, with freezeEmbeddings, the embeddings) fixed', () => {
    const config = resolveModelConfig(gptSpec, { preset: 'tiny', overrides: ['model.frozenBlocks=1', 'model.freezeEmbeddings=true'] }) as never;
    const m = gptSpec.create(config, new Rng(1), { kind: 'text', shape: [8], vocabSize: V }) as Gpt;
    const recipe = likelihoodRecipe(m, config, new Rng(2));
    const before = m.net.model.weights.map((w) => w.read().dataSync().slice());
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]], undefined, 'int32');
    const y = tf.tensor2d([[2, 3, 4, 5, 6, 7, 8, 9]], undefined, 'int32');
    recipe.step({ batch: { x, y }, step: 0, lr: 1e-2 });
    m.net.model.weights.forEach((w, i) => {
      const same = Buffer.from(w.read().dataSync().buffer).equals(Buffer.from(before[i].buffer));
      const frozen = /^(block_0|embedding)\//.test(w.originalName);
      assert.equal(same, frozen, `${w.originalName} ${frozen ? 'changed' : 'did not change'}`);
    });
    [x, y].forEach((t) => t.dispose());
    recipe.dispose();
    m.dispose();
  });

  test('frozenBlocks beyond nLayer is an error naming the key', () => {
    assert.throws(() => randomGpt(1, { frozenBlocks: 3 }), /model\.frozenBlocks must be an integer in 0\.\.2/);
  });
});
