// Shared harness for the engine gradient tests: each op case gets a first-order and a grad-of-grad
// finite-difference test on cpu and wasm (torch.autograd.gradcheck / gradgradcheck style).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';
import { tf, type Tensor } from '../../src/engine/tf.js';
import {
  checkGradientOfGradient,
  checkGradients,
  fixedWeights,
  type GradCheckOptions,
} from '../../src/engine/gradcheck.js';

/** One op under test: inputs are built per backend; the loss is Σ w ⊙ (u + ¼u²) of u = fn(...inputs). */
export interface OpCase {
  name: string;
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor;
  /** Inputs differentiated in the outer check (default: all float32 inputs). */
  wrt?: number[];
  /** Inputs the inner gradient is taken with respect to (default [0]). */
  inner?: number[];
  opts?: GradCheckOptions;
  /** Skip the grad-of-grad check (documented reason). */
  firstOrderOnly?: string;
}

/** Seeded standard normal tensor (tfjs draws it in JS, so cpu and wasm see the same values). */
export function randn(shape: number[], seed: number, scale = 1): Tensor {
  return tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale));
}

/** Seeded normal tensor pushed at least `margin` away from 0 (keeps relu-like kinks out of FD reach). */
export function randnAway(shape: number[], seed: number, margin = 0.1): Tensor {
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', seed);
    return tf.mul(tf.sign(x), tf.add(tf.abs(x), margin));
  });
}

/** Seeded tensor with all entries distinct by ≥ `gap` in random order (max-pool ties stay out of reach). */
export function distinct(shape: number[], seed: number, gap = 0.05): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const u = tf.randomUniform([n], 0, 1, 'float32', seed);
  const keys = Array.from(u.dataSync());
  u.dispose();
  const order = keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  const vals = new Float32Array(n);
  order.forEach((i, rank) => (vals[i] = (rank - n / 2) * gap));
  return tf.tensor(vals, shape);
}

/** The scalar loss wrapped around an op: Σ w ⊙ (u + ¼u²), with fixed weights w. */
export function lossOf(fn: (...xs: Tensor[]) => Tensor, w: Tensor): (...xs: Tensor[]) => tf.Scalar {
  return (...xs) => tf.tidy(() => {
    const u = fn(...xs);
    return tf.sum(tf.mul(w, tf.add(u, tf.mul(0.25, tf.square(u))))) as tf.Scalar;
  });
}

/** Runs `body` and asserts it left no tensors behind. */
export function noLeak<T>(body: () => T): T {
  const before = tf.memory().numTensors;
  const out = body();
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  return out;
}

/** Registers `<name> [backend] first order` and `<name> [backend] grad of grad` tests for each case. */
export function registerOpCases(cases: OpCase[], backends: readonly string[] = TEST_BACKENDS): void {
  for (const backend of backends) {
    for (const c of cases) {
      const run = async (order: 1 | 2) => {
        await useBackend(backend);
        noLeak(() => {
          const xs = tf.tidy(() => c.inputs());
          try {
            const w = tf.tidy(() => fixedWeights(c.fn(...xs).shape, 0.3));
            const f = lossOf(c.fn, w);
            const opts = { ...c.opts, wrt: c.wrt };
            const report = order === 1
              ? checkGradients(f, xs, opts)
              : checkGradientOfGradient(f, xs, { ...opts, inner: c.inner ?? [0] });
            w.dispose();
            assert.ok(report.ok, `${c.name} [${backend}] order ${order}: ${report.message}`);
          } finally {
            tf.dispose(xs);
          }
        });
      };
      test(`${c.name} [${backend}] first order`, () => run(1));
      test(`${c.name} [${backend}] grad of grad`, { skip: c.firstOrderOnly }, () => run(2));
    }
  }
}
