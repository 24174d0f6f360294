// Adam / AdamW against PyTorch 1.13 (test/fixtures/optim/make_adam_fixture.py) on every backend, and the
// native backend's fused Adam kernel against the composed update on wasm, bit for bit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/engine/tf.js';
import { createOptimizer } from '../../src/train/optimizers.js';
import { hasFusedAdam } from '../../src/engine/fused-adam.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';

interface Step { w: number[]; b: number[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/optim/adam.json', import.meta.url), 'utf8')) as {
  lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; w0: number[]; b0: number[];
  grads: Step[]; adam: Step[]; adamL2: Step[]; adamw: Step[];
};

/** Runs the fixture's 5 steps; returns the weights after each. */
function run(kind: 'adam' | 'adamw', weightDecay: number): Step[] {
  const opt = createOptimizer({ optimizer: kind, lr: fx.lr, beta1: fx.beta1, beta2: fx.beta2, eps: fx.eps, weightDecay });
  const w = tf.tidy(() => tf.variable(tf.tensor2d(fx.w0, [3, 4]))), b = tf.tidy(() => tf.variable(tf.tensor1d(fx.b0)));
  const out: Step[] = [];
  for (const g of fx.grads) {
    const gs = [tf.tensor2d(g.w, [3, 4]), tf.tensor1d(g.b)];
    opt.apply([w, b], gs);
    tf.dispose(gs);
    out.push({ w: Array.from(w.dataSync()), b: Array.from(b.dataSync()) });
  }
  opt.dispose();
  tf.dispose([w, b]);
  return out;
}

const cases = [['adam', 0, 'adam'], ['adam', fx.weightDecay, 'adamL2'], ['adamw', fx.weightDecay, 'adamw']] as const;

for (const backend of TEST_BACKENDS) {
  describe(`Adam / AdamW on ${backend} match torch.optim`, () => {
    for (const [kind, wd, key] of cases) {
      test(`${key}: 5 steps within 2e-6 of PyTorch, no leaked tensors`, async () => {
        await useBackend(backend);
        const before = tf.memory().numTensors;
        const got = run(kind, wd);
        assert.equal(tf.memory().numTensors, before);
        got.forEach((s, i) => {
          const want = fx[key][i];
          for (const [a, e] of [[s.w, want.w], [s.b, want.b]] as const) {
            a.forEach((v, j) => assert.ok(Math.abs(v - e[j]) <= 2e-6 * Math.max(1, Math.abs(e[j])), `${key} step ${i + 1} [${j}]: ${v} vs ${e[j]}`));
          }
        });
      });
    }
  });
}

for (const backend of TEST_BACKENDS.filter((b) => b !== 'cpu')) {
  test(`the fused Adam kernel on ${backend} gives the composed update's bits (composed on cpu)`, async () => {
    for (const [kind, wd] of cases) {
      await useBackend('cpu');
      assert.equal(hasFusedAdam(), false);
      const composed = run(kind, wd);
      await useBackend(backend);
      assert.equal(hasFusedAdam(), true);
      const fused = run(kind, wd);
      assert.deepEqual(fused, composed, `${kind} wd=${wd}`);
    }
  });
}
