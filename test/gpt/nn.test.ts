// The shared transformer blocks in src/nn: layer norm against its formula, bidirectional self-attention
// is permutation-equivariant (image-token use), the layers round-trip through model.json, no leaks.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { LayerNorm, layerNorm } from '../../src/nn/layer-norm.js';
import { SelfAttention } from '../../src/nn/attention.js';
import { TransformerBlock } from '../../src/nn/transformer-block.js';
import { dropout } from '../../src/nn/dropout.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('wasm'));

function randomize(model: tfl.LayersModel, seed: number): void {
  const rng = new Rng(seed);
  for (const w of model.weights) tf.tidy(() => {
    w.write(tf.add(tf.mul(rng.normalTensor(w.shape as number[]), 0.5), /gamma$/.test(w.originalName) ? 1 : 0));
  });
}

test('layerNorm = (x − mean) / sqrt(var + eps) · γ + β over the last axis', () => {
  const x = [1, 2, 4, -3];
  const mean = x.reduce((a, b) => a + b) / 4;
  const v = x.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
  const g = [1, 2, 0.5, -1];
  const b = [0, 1, 0, 2];
  const want = x.map((xi, i) => ((xi - mean) / Math.sqrt(v + 1e-5)) * g[i] + b[i]);
  const got = tf.tidy(() => layerNorm(tf.tensor2d([x]), tf.tensor1d(g), tf.tensor1d(b)).dataSync());
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) < 1e-5, `${got[i]} vs ${w}`));
});

test('bidirectional SelfAttention is permutation-equivariant over tokens', () => {
  const input = tfl.input({ shape: [6, 8] });
  const model = tfl.model({ inputs: input, outputs: new SelfAttention({ nHead: 2 }).apply(input) as tfl.SymbolicTensor });
  randomize(model, 1);
  const perm = [3, 0, 5, 1, 4, 2];
  const start = tf.memory().numTensors;
  const [a, b, x] = tf.tidy(() => {
    const x = new Rng(2).normalTensor([2, 6, 8]);
    const xp = tf.gather(x, perm, 1);
    return [tf.gather(model.predict(x) as tf.Tensor, perm, 1), model.predict(xp) as tf.Tensor, x];
  });
  const da = a.dataSync(), db = b.dataSync();
  da.forEach((v, i) => assert.ok(Math.abs(v - db[i]) < 1e-5));
  [a, b, x].forEach((t) => t.dispose());
  assert.equal(tf.memory().numTensors, start);
  model.dispose();
});

test('LayerNorm, SelfAttention and TransformerBlock layers round-trip through model.json', async () => {
  const input = tfl.input({ shape: [5, 8] });
  let h = new TransformerBlock({ nHead: 2, causal: true, bias: false, name: 'blk' }).apply(input) as tfl.SymbolicTensor;
  h = new SelfAttention({ nHead: 4, causal: false, name: 'sa' }).apply(h) as tfl.SymbolicTensor;
  h = new LayerNorm({ name: 'ln', bias: true }).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: h });
  randomize(model, 3);
  const again = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(undefined, false) } as never);
  again.setWeights(model.getWeights());
  const x = new Rng(4).normalTensor([3, 5, 8]);
  const [a, b] = [model.predict(x) as tf.Tensor, again.predict(x) as tf.Tensor];
  assert.deepEqual(b.dataSync(), a.dataSync());
  assert.equal((again.getLayer('blk') as TransformerBlock).causal, true);
  [a, b, x].forEach((t) => t.dispose());
  model.dispose();
  again.dispose();
});

test('dropout: seeded inverted dropout keeps the mean and zeroes about `rate` of the entries', () => {
  const x = tf.ones([20000]);
  const y = dropout(x, 0.25, new Rng(1));
  const v = y.dataSync();
  const zeros = v.filter((e) => e === 0).length / v.length;
  assert.ok(Math.abs(zeros - 0.25) < 0.02, `${zeros}`);
  assert.ok(v.every((e) => e === 0 || Math.abs(e - 4 / 3) < 1e-6));
  assert.deepEqual(dropout(x, 0.25, new Rng(1)).dataSync(), v);
  assert.equal(dropout(x, 0.25), x, 'no rng → identity');
  tf.dispose([x, y]);
});
