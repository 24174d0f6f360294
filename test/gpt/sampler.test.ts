// The autoregressive sampler: temperature, top-k and top-p filtering, greedy decoding, seeded draws,
// context cropping to the block size, and errors that name the valid range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { argmax, checkSamplingOptions, generateTokens, nextTokenProbabilities, sampleToken } from '../../src/samplers/autoregressive.js';

const logits = Float32Array.from([1, 3, 2, 0, 3]);

test('probabilities: softmax with temperature, top-k keeps ties with the k-th, top-p keeps the nucleus', () => {
  const p = nextTokenProbabilities(logits);
  const z = Array.from(logits).reduce((s, v) => s + Math.exp(v), 0);
  p.forEach((v, i) => assert.ok(Math.abs(v - Math.exp(logits[i]) / z) < 1e-12));
  const cold = nextTokenProbabilities(logits, { temperature: 0.5 });
  assert.ok(cold[1] > p[1]);
  const k1 = nextTokenProbabilities(logits, { topK: 1 });
  assert.deepEqual(Array.from(k1).map((v) => +v.toFixed(6)), [0, 0.5, 0, 0, 0.5]); // tie at the top: both kept
  const k3 = nextTokenProbabilities(logits, { topK: 3 });
  assert.equal(k3[0], 0);
  assert.equal(k3[3], 0);
  assert.ok(k3[2] > 0);
  const top = nextTokenProbabilities(logits, { topP: 0.5 }); // the two 3s hold ≈ 0.66 of the mass: 1 and 4 suffice
  assert.deepEqual(Array.from(top).map((v) => +v.toFixed(6)), [0, 0.5, 0, 0, 0.5]);
  const tiny = nextTokenProbabilities(logits, { topP: 1e-9 });
  assert.equal(tiny.filter((v) => v > 0).length, 1, 'top-p always keeps the most likely token');
});

test('greedy = argmax (first on ties); sampling is seeded and follows the distribution', () => {
  assert.equal(sampleToken(logits, { temperature: 0 }, new Rng(1)), 1);
  assert.equal(argmax([0, 5, 5]), 1);
  const draw = (seed: number) => Array.from({ length: 50 }, (_, i, r = new Rng(seed + i)) => sampleToken(logits, {}, r));
  assert.deepEqual(draw(3), draw(3));
  const rng = new Rng(11);
  const counts = new Array(5).fill(0);
  for (let i = 0; i < 20000; i++) counts[sampleToken(logits, { topK: 3 }, rng)]++;
  const p = nextTokenProbabilities(logits, { topK: 3 });
  counts.forEach((c, i) => assert.ok(Math.abs(c / 20000 - p[i]) < 0.015, `token ${i}: ${c / 20000} vs ${p[i]}`));
});

test('generateTokens crops the context to the block size and appends maxNew tokens', () => {
  const seen: number[] = [];
  // a "model" that predicts (last token + 1) mod 7 and records how long its context was
  const next = (ctx: Int32Array, b: number, t: number) => {
    seen.push(t);
    const out = new Float32Array(b * 7);
    for (let i = 0; i < b; i++) out[i * 7 + ((ctx[i * t + t - 1] + 1) % 7)] = 10;
    return out;
  };
  const [a, b] = generateTokens(next, [Int32Array.from([0, 1]), Int32Array.from([4, 5])], 6, 4, { temperature: 0 }, new Rng(1));
  assert.deepEqual(Array.from(a), [0, 1, 2, 3, 4, 5, 6, 0]);
  assert.deepEqual(Array.from(b), [4, 5, 6, 0, 1, 2, 3, 4]);
  assert.deepEqual(seen, [2, 3, 4, 4, 4, 4]);
});

test('bad sampling options are rejected with the valid range', () => {
  assert.throws(() => checkSamplingOptions({ temperature: -1 }), /temperature must be a finite number ≥ 0/);
  assert.throws(() => checkSamplingOptions({ topK: 0 }), /top-k must be a positive integer/);
  assert.throws(() => checkSamplingOptions({ topP: 1.5 }), /top-p must lie in \(0, 1\]/);
  assert.throws(() => generateTokens(() => new Float32Array(1), [Int32Array.from([1]), Int32Array.from([1, 2])], 1, 4, {}, new Rng(1)), /same length/);
});
