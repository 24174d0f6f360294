// Shared discriminator blocks: spectral norm against torch.nn.utils.spectral_norm and the exact largest
// singular value (fixture from test/fixtures/gan/make_fixtures.py), minibatch discrimination and stddev.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { powerIteration, SNConv2D, SNDense } from '../../src/nn/spectral-norm.js';
import { MinibatchDiscrimination } from '../../src/nn/minibatch-discrimination.js';
import { MinibatchStddev, minibatchStddev } from '../../src/nn/minibatch-stddev.js';
import { useBackend } from '../helpers/engine.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/gan/spectral-norm.json', import.meta.url), 'utf8')) as {
  dense: { kernel: number[]; shape: number[]; u0: number[]; v0: number[]; sigmaAfter1: number; sigmaAfter20: number; exactSigma: number };
  conv: { kernel: number[]; shape: number[]; exactSigma: number };
};

before(() => useBackend('wasm'));

function setKernel(layer: SNDense | SNConv2D, values: number[], shape: number[]): void {
  const [kernel, bias, u, v] = layer.getWeights();
  const k = tf.tensor(values, shape);
  layer.setWeights([k, bias, u, v]);
  k.dispose();
}

test('SNDense follows torch spectral_norm step by step and reaches the exact σ within 1 %', () => {
  const n0 = tf.memory().numTensors;
  const layer = new SNDense({ units: 7 });
  const x = tf.zeros([1, 12]);
  tf.dispose(layer.apply(x) as tf.Tensor); // builds the weights
  setKernel(layer, fx.dense.kernel, fx.dense.shape);
  layer.resetVectors(Float32Array.from(fx.dense.u0), Float32Array.from(fx.dense.v0));
  const sigmas: number[] = [];
  for (let i = 0; i < 20; i++) {
    tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
    sigmas.push(layer.sigma());
  }
  assert.ok(Math.abs(sigmas[0] - fx.dense.sigmaAfter1) < 1e-5, `σ after 1 call ${sigmas[0]} vs torch ${fx.dense.sigmaAfter1}`);
  assert.ok(Math.abs(sigmas[19] - fx.dense.sigmaAfter20) < 1e-5, `σ after 20 calls ${sigmas[19]} vs torch ${fx.dense.sigmaAfter20}`);
  assert.ok(Math.abs(sigmas[19] / fx.dense.exactSigma - 1) < 0.01, `σ ${sigmas[19]} vs exact ${fx.dense.exactSigma}`);
  // inference calls use u, v as stored and do not move them
  tf.dispose(layer.apply(x) as tf.Tensor);
  assert.equal(layer.sigma(), sigmas[19]);
  x.dispose();
  layer.dispose();
  assert.equal(tf.memory().numTensors, n0);
});

test('SNConv2D: σ of the [k·k·Cin, Cout] kernel within 1 % of the exact value after 20 training calls; output = conv(x, W/σ)', () => {
  const layer = new SNConv2D({ filters: 8, kernelSize: 3 });
  const x = new Rng(3).normalTensor([2, 5, 5, 4]);
  tf.dispose(layer.apply(x) as tf.Tensor);
  setKernel(layer, fx.conv.kernel, fx.conv.shape);
  const rng = new Rng(1);
  layer.resetVectors(rng.normalArray(8), rng.normalArray(36));
  for (let i = 0; i < 20; i++) tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
  const sigma = layer.sigma();
  assert.ok(Math.abs(sigma / fx.conv.exactSigma - 1) < 0.01, `σ ${sigma} vs exact ${fx.conv.exactSigma}`);
  const got = layer.apply(x) as tf.Tensor;
  const want = tf.tidy(() => tf.conv2d(x as tf.Tensor4D, tf.div(tf.tensor(fx.conv.kernel, fx.conv.shape), sigma) as tf.Tensor4D, 1, 'same'));
  const err = tf.tidy(() => tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]);
  assert.ok(err < 1e-4, `max |out − conv(x, W/σ)| = ${err}`);
  tf.dispose([got, want, x]);
  layer.dispose();
});

test('powerIteration: σ gets W\'s gradient (v uᵀ at convergence), u and v do not', () => {
  const w = tf.tensor2d(fx.conv.kernel, [36, 8]);
  const rng = new Rng(2);
  const u0 = tf.tensor1d(rng.normalArray(8));
  const r = powerIteration(w, u0, 50);
  assert.ok(Math.abs(r.sigma.dataSync()[0] / fx.conv.exactSigma - 1) < 1e-4);
  const g = tf.grad((m: tf.Tensor) => powerIteration(m as tf.Tensor2D, u0, 50).sigma)(w); // [36, 8]
  // outer product by broadcasting: wasm's matmul caches its right operand by buffer, and r.u's buffer was
  // already a [8, 1] right operand inside powerIteration (a [1, 8] reshape of it would read stale packing)
  const outer = tf.tidy(() => tf.mul(tf.reshape(r.v, [36, 1]), tf.reshape(r.u, [1, 8])));
  const err = tf.tidy(() => tf.max(tf.abs(tf.sub(g, outer))).dataSync()[0]);
  assert.ok(err < 1e-3, `dσ/dW vs v uᵀ: ${err}`);
  tf.dispose([w, u0, r.u, r.v, r.sigma, g, outer]);
});

test('minibatch discrimination: hand-computed o(x) and the collapsed-batch signature', () => {
  const layer = new MinibatchDiscrimination({ kernels: 2, kernelDim: 1 });
  const x = tf.tensor2d([[0, 1], [1, 0], [1, 1]]);
  tf.dispose(layer.apply(x) as tf.Tensor);
  const t = tf.tensor2d([[1, 0], [0, 2]]); // M = [x0, 2·x1]
  layer.setWeights([t]);
  const out = layer.apply(x) as tf.Tensor;
  assert.deepEqual(out.shape, [3, 4]);
  const e = Math.exp;
  const m = [[0, 2], [1, 0], [1, 2]];
  const o = m.map((mi, i) => [0, 1].map((b) => m.reduce((s, mj, j) => (j === i ? s : s + e(-Math.abs(mi[b] - mj[b]))), 0)));
  const got = Array.from(out.dataSync());
  const want = [0, 1, ...o[0], 1, 0, ...o[1], 1, 1, ...o[2]];
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6, `[${i}] ${v} vs ${want[i]}`));
  // identical rows: every closeness is exp(0) = 1, so o = N − 1 for every kernel
  const same = layer.apply(tf.tensor2d([[0.3, 0.4], [0.3, 0.4], [0.3, 0.4], [0.3, 0.4]])) as tf.Tensor;
  assert.deepEqual(Array.from(tf.tidy(() => tf.slice(same, [0, 2], [4, 2])).dataSync()), Array(8).fill(3));
  tf.dispose([x, t, out, same]);
  layer.dispose();
});

test('minibatch stddev: group statistic appended as a channel; zero spread is finite', () => {
  // groups of 2 over a batch of 4: example i belongs to group i mod 2
  const x = tf.tensor2d([[0, 0], [1, 1], [2, 4], [3, 1]]);
  const s = minibatchStddev(x, 2);
  // group 0 = rows {0, 2}: stds (1, 2) → 1.5; group 1 = rows {1, 3}: stds (1, 0) → 0.5
  Array.from(s.dataSync()).forEach((v, i) => assert.ok(Math.abs(v - [1.5, 0.5, 1.5, 0.5][i]) < 1e-3, `${v}`));
  const img = tf.ones([4, 3, 3, 2]);
  const y = new MinibatchStddev({ groupSize: 4 }).apply(img) as tf.Tensor;
  assert.deepEqual(y.shape, [4, 3, 3, 3]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(minibatchStddev(t, 4)))(img);
  assert.ok(Array.from(g.dataSync()).every(Number.isFinite));
  assert.throws(() => minibatchStddev(tf.zeros([6, 2]), 4), /not divisible by the group size 4/);
  tf.dispose([x, s, img, y, g]);
});
