// Batched per-example clipping (Goodfellow's ‖a‖‖δ‖ trick; im2col for convs) against a loop of batch-size-1
// gradients on a 3-layer MLP and a small CNN: per-example norms, the clipped sum with C below every norm, noise, errors.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { layerTaps, dpGradients } from '../../src/privacy/per-example.js';
import { trainableVariables } from '../../src/train/grads.js';
import { useBackend } from '../helpers/engine.js';
import { buildClassifier } from '../../src/models/classifier/network.js';
import { classifierModelShape } from '../../src/models/classifier/config.js';
import { initWeights } from '../../src/nn/init.js';
import { z } from 'zod';

before(() => useBackend('cpu'));

const B = 16;

// 'same' stride-2 conv (odd padding), 'valid' conv, then dense: [B, 7, 6, 2] → [B, 3]
function cnn(seed: number): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.5, seed: seed + s });
  const input = tfl.input({ shape: [7, 6, 2] });
  let h = tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1), biasInitializer: init(2) }).apply(input) as tfl.SymbolicTensor; // [B, 4, 3, 4]
  h = tfl.layers.conv2d({ filters: 5, kernelSize: [2, 3], padding: 'valid', activation: 'tanh', kernelInitializer: init(3), biasInitializer: init(4) }).apply(h) as tfl.SymbolicTensor; // [B, 3, 1, 5]
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, kernelInitializer: init(5), biasInitializer: init(6) }).apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

function mlp(seed: number): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.6, seed: seed + s });
  const input = tfl.input({ shape: [5] });
  let h = tfl.layers.dense({ units: 7, activation: 'relu', kernelInitializer: init(1), biasInitializer: init(2) }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: init(3), biasInitializer: init(4) }).apply(h) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, kernelInitializer: init(5), biasInitializer: init(6) }).apply(h) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

// mean softmax cross-entropy of logits against labels
function ce(net: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const logits = net.apply(x) as tf.Tensor; // [B, 3]
  const logp = tf.sub(logits, tf.logSumExp(logits, -1, true));
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(tf.cast(y, 'int32'), 3), logp), 1))) as tf.Scalar;
}

// Opacus's SampleConvNet as the classifier builds it (input normalisation, zero padding and max-pools between the taps)
function sampleConvNet(seed: number): tfl.LayersModel {
  const cfg = z.strictObject(classifierModelShape).parse({ net: 'sample-convnet', filters: [2, 3], featureDim: 4, inputNorm: [0.1307, 0.3081] });
  const net = buildClassifier(cfg, { kind: 'image', shape: [28, 28, 1], numClasses: 3 });
  initWeights([net], new Rng(seed));
  // 28 → pad 34 → 8×8/2 14 → pool 13 → 4×4/2 5 → pool 4: Opacus's 32·4·4 = 512 inputs of fc1, here 3·4·4
  assert.equal((net.getLayer('features').input as tfl.SymbolicTensor).shape[1], 3 * 4 * 4);
  return net;
}

type Kind = 'mlp' | 'cnn' | 'sample-convnet';
const NETS: Record<Kind, { build: (seed: number) => tfl.LayersModel; shape: number[]; taps: number }> = {
  mlp: { build: mlp, shape: [5], taps: 3 },
  cnn: { build: cnn, shape: [7, 6, 2], taps: 3 },
  'sample-convnet': { build: sampleConvNet, shape: [28, 28, 1], taps: 4 },
};

function setup(kind: Kind = 'mlp') {
  const net = NETS[kind].build(3);
  const rng = new Rng(11);
  const shape = NETS[kind].shape;
  const x = rng.normalTensor([B, ...shape]);
  const y = tf.tensor1d(Array.from({ length: B }, (_, i) => i % 3));
  const vars = trainableVariables([net]);
  // the reference: one gradient per example, each from a batch of one
  const loop = Array.from({ length: B }, (_, i) => {
    const xi = tf.slice(x, i, 1);
    const yi = tf.slice(y, [i], [1]);
    const { grads } = tf.variableGrads(() => ce(net, xi, yi), vars);
    xi.dispose();
    yi.dispose();
    return vars.map((v) => grads[v.name]);
  });
  const loopNorms = loop.map((gs) => Math.sqrt(gs.reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0)));
  return { net, x, y, vars, loop, loopNorms };
}

function relErr(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / tf.norm(b).dataSync()[0]);
}

for (const kind of ['mlp', 'cnn', 'sample-convnet'] as const) test(`${kind}: per-example norms equal a batch-size-1 loop; with C below every norm each clipped gradient has norm C and the clipped sum matches (≤ 1e-5 rel)`, () => {
  const { net, x, y, vars, loop, loopNorms } = setup(kind);
  const C = 0.5 * Math.min(...loopNorms);
  const taps = layerTaps([net], vars);
  assert.equal(taps.length, NETS[kind].taps);
  let worstNorm = 0;
  let worstSum = 0;
  const r = dpGradients(() => ({ loss: ce(net, x, y) }), taps, vars, B, { maxGradNorm: C, noiseMultiplier: 0, denominator: 1 });
  r.norms.forEach((n, i) => {
    worstNorm = Math.max(worstNorm, Math.abs(n - loopNorms[i]) / loopNorms[i]);
    assert.ok(Math.abs(n - loopNorms[i]) <= 1e-5 * loopNorms[i], `example ${i}: ${n} vs ${loopNorms[i]}`);
  });
  // c_i from the batched norms makes each looped per-example gradient exactly C long
  r.norms.forEach((n, i) => {
    const c = Math.min(1, C / (n + 1e-6));
    const clipped = Math.sqrt(loop[i].reduce((s, g) => s + tf.sum(tf.square(tf.mul(g, c))).dataSync()[0], 0));
    assert.ok(Math.abs(clipped - C) <= 1e-5 * C, `example ${i}: clipped norm ${clipped} vs C ${C}`);
  });
  vars.forEach((v, k) => {
    const want = tf.addN(loop.map((gs, i) => tf.mul(gs[k], C / (loopNorms[i] + 1e-6))));
    const e = relErr(r.grads[k], want);
    worstSum = Math.max(worstSum, e);
    assert.ok(e <= 1e-5, `${v.name}: relative error ${e}`);
    want.dispose();
  });
  const meanLoss = ce(net, x, y).dataSync()[0];
  assert.ok(Math.abs(r.loss.dataSync()[0] - meanLoss) < 1e-6);
  r.grads.forEach((g) => g.dispose());
  r.loss.dispose();
  const before = tf.memory().numTensors;
  const again = dpGradients(() => ({ loss: ce(net, x, y) }), taps, vars, B, { maxGradNorm: C, noiseMultiplier: 1, denominator: 1, normal: (s) => new Rng(1).normalTensor(s) });
  again.grads.forEach((g) => g.dispose());
  again.loss.dispose();
  assert.equal(tf.memory().numTensors, before, 'dpGradients leaks no tensors');
  // the layers are back to their own call: a plain forward pass matches
  assert.ok(Math.abs(ce(net, x, y).dataSync()[0] - meanLoss) < 1e-7);
  console.log(`${kind}: worst relative error of per-example norms ${worstNorm.toExponential(2)}, of the clipped sums ${worstSum.toExponential(2)}`);
});

test('a large C leaves gradients unclipped: the sum equals the batch gradient × B', () => {
  const { net, x, y, vars } = setup();
  const { grads } = tf.variableGrads(() => ce(net, x, y), vars);
  const r = dpGradients(() => ({ loss: ce(net, x, y) }), layerTaps([net], vars), vars, B, { maxGradNorm: 1e6, noiseMultiplier: 0, denominator: B });
  vars.forEach((v, k) => assert.ok(relErr(r.grads[k], grads[v.name]) <= 1e-5, v.name));
});

test('noise is σ·C times the seeded normals, divided by the denominator', () => {
  const { net, x, y, vars } = setup();
  const taps = layerTaps([net], vars);
  const base = dpGradients(() => ({ loss: ce(net, x, y) }), taps, vars, B, { maxGradNorm: 0.1, noiseMultiplier: 0, denominator: 8 });
  const noisy = dpGradients(() => ({ loss: ce(net, x, y) }), taps, vars, B, { maxGradNorm: 0.1, noiseMultiplier: 1.3, denominator: 8, normal: (s) => new Rng(5).normalTensor(s) });
  vars.forEach((v, k) => {
    const want = tf.add(base.grads[k], tf.mul(new Rng(5).normalTensor(v.shape), (1.3 * 0.1) / 8));
    assert.ok(relErr(noisy.grads[k], want) <= 1e-6, v.name);
  });
});

test('a trainable layer without a tap (batch norm) is an error that names it', () => {
  const input = tfl.input({ shape: [4] });
  const h = tfl.layers.batchNormalization({ name: 'the_bn' }).apply(input) as tfl.SymbolicTensor;
  const net = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 2 }).apply(h) as tfl.SymbolicTensor });
  assert.throws(() => layerTaps([net], trainableVariables([net])), /supports Dense and Conv2D layers only; layer 'the_bn' \(BatchNormalization\)/);
});
