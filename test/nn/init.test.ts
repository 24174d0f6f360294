// Weight initialisation schemes: the bounds and variances each one promises, per layer kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, tfl } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { initWeights } from '../../src/nn/init.js';

function net(): tfl.LayersModel {
  const x = tfl.input({ shape: [12, 12, 3] });
  let h = tfl.layers.conv2d({ filters: 40, kernelSize: 5 }).apply(x) as tfl.SymbolicTensor; // fan_in 75
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor; // 8·8·40 = 2,560
  const y = tfl.layers.dense({ units: 300 }).apply(h) as tfl.SymbolicTensor; // fan_in 2,560
  return tfl.model({ inputs: x, outputs: y });
}

function stats(w: tfl.LayerVariable): { max: number; variance: number } {
  const v = Array.from(w.read().dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { max: v.reduce((a, b) => Math.max(a, Math.abs(b)), 0), variance: v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length };
}

test("'torch' draws kernels and biases from U(±1/√fan_in), fan_in counting a conv's receptive field; 'glorot' zeroes biases", () => {
  const m = net();
  try {
    initWeights([m], new Rng(1), 'torch');
    const [convK, convB, denseK, denseB] = m.weights;
    for (const [w, fanIn] of [[convK, 75], [convB, 75], [denseK, 2560], [denseB, 2560]] as const) {
      const { max, variance } = stats(w);
      const limit = 1 / Math.sqrt(fanIn);
      assert.ok(max <= limit && max > 0.9 * limit, `${w.name}: max |w| ${max} vs bound ${limit}`);
      const want = limit ** 2 / 3; // variance of U(−l, l)
      const tol = w.shape.length === 1 ? 0.35 : 0.05; // 40 or 300 biases vs 3,000+ kernel entries
      assert.ok(Math.abs(variance / want - 1) < tol, `${w.name}: variance ${variance} vs ${want}`);
    }
    initWeights([m], new Rng(1));
    assert.equal(stats(m.weights[1]).max, 0);
    const glorot = Math.sqrt(6 / (2560 + 300));
    assert.ok(stats(m.weights[2]).max > 0.9 * glorot && stats(m.weights[2]).max <= glorot);
  } finally {
    m.dispose();
  }
});
