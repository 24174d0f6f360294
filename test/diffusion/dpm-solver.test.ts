// DPM-Solver++(2M) against the numpy fixture (test/fixtures/diffusion/make_dpm_solver_fixture.py) on
// diffusers' dummy setup, diffusers' own golden means, the multistep history contract, and RePaint with it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { DpmSolverScheduler } from '../../src/schedulers/dpm-solver.js';
import { inpaint } from '../../src/samplers/inpaint.js';
import { useBackend } from '../helpers/engine.js';

interface Case {
  schedule: 'linear' | 'cosine';
  prediction: 'epsilon' | 'v';
  steps: number;
  finalSigma: 'zero' | 'sigma-min';
  lowerOrderFinal: boolean;
  clip: number;
  timesteps: number[];
  trace: Array<{ t: number; probe: number[]; sum: number; sumAbs: number }>;
  final: number[];
  meanAbs: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/diffusion/dpm_solver_fixture.json', import.meta.url), 'utf8')) as {
  shape: number[];
  numTrainTimesteps: number;
  probe: number[];
  cases: Case[];
};

const rel = (a: number, b: number) => Math.abs(a - b) / (1e-3 + Math.abs(b));
// float32 against float64: 1e-5 relative, except cosine ε, whose first x̂_0 = (x − σ·ε̂)/α divides a
// 1e-3 cancellation (σ·999/1000 against 1) by α_999 = 4.9e-5, which leaves float32 a few 1e-5.
const tolOf = (c: Case) => (c.schedule === 'cosine' && c.prediction === 'epsilon' ? 1e-4 : 1e-5);

/** The full loop on diffusers' dummy: x = arange(n)/n, model output x·t/(t+1); returns the per-step samples' data. */
function run(sched: DpmSolverScheduler, shape: number[], each?: (x: Float32Array, i: number) => void): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  let x: tf.Tensor = tf.tidy(() => tf.reshape(tf.div(tf.range(0, n, 1, 'float32'), n), shape));
  sched.timesteps.forEach((t, i) => {
    const out = tf.mul(x, t / (t + 1));
    const next = sched.step(out, t, x);
    tf.dispose([out, x]);
    x = next;
    each?.(x.dataSync() as Float32Array, i);
  });
  const v = x.dataSync() as Float32Array;
  x.dispose();
  return v;
}

for (const backend of ['cpu', 'wasm']) {
  describe(`DPM-Solver++(2M) (${backend})`, () => {
    before(() => useBackend(backend));

    for (const c of fixture.cases) {
      const name = `${c.schedule}, ${c.prediction}, ${c.steps} steps${c.clip ? `, clip ${c.clip}` : ''}${c.finalSigma === 'sigma-min' ? ", diffusers' test config" : ''}`;
      test(`numpy parity: ${name}`, () => {
        const sched = new DpmSolverScheduler({ numTrainTimesteps: fixture.numTrainTimesteps, schedule: c.schedule, prediction: c.prediction, clipRange: c.clip, finalSigma: c.finalSigma, lowerOrderFinal: c.lowerOrderFinal });
        sched.setTimesteps(c.steps);
        assert.deepEqual(sched.timesteps, c.timesteps);
        const tol = tolOf(c);
        const start = tf.memory().numTensors;
        const final = run(sched, fixture.shape, (x, i) => {
          const want = c.trace[i];
          let sum = 0, sumAbs = 0;
          for (const v of x) { sum += v; sumAbs += Math.abs(v); }
          assert.ok(rel(sumAbs, want.sumAbs) < tol, `step ${i} (t=${want.t}): sum |x| ${sumAbs} vs ${want.sumAbs}`);
          assert.ok(Math.abs(sum - want.sum) < tol * (1 + want.sumAbs), `step ${i}: sum x ${sum} vs ${want.sum}`);
          fixture.probe.forEach((k, j) => assert.ok(Math.abs(x[k] - want.probe[j]) < tol * (1 + Math.abs(want.probe[j])), `step ${i}: x[${k}] ${x[k]} vs ${want.probe[j]}`));
        });
        assert.equal(tf.memory().numTensors, start, 'no history is held after the last step');
        final.forEach((v, k) => assert.ok(Math.abs(v - c.final[k]) < tol * (1 + Math.abs(c.final[k])), `final[${k}] ${v} vs ${c.final[k]}`));
      });
    }

    test("diffusers' golden values (its test config: final σ of t = 0, no lower-order final): mean |x| 0.3301 (ε), 0.2251 (v)", () => {
      for (const [prediction, want] of [['epsilon', 0.3301], ['v', 0.2251]] as const) {
        const sched = new DpmSolverScheduler({ numTrainTimesteps: 1000, schedule: 'linear', betaStart: 1e-4, betaEnd: 0.02, prediction, finalSigma: 'sigma-min', lowerOrderFinal: false });
        sched.setTimesteps(10);
        const x = run(sched, [4, 3, 8, 8]);
        const mean = x.reduce((a, b) => a + Math.abs(b), 0) / x.length;
        assert.ok(Math.abs(mean - want) < 1e-3, `${prediction}: mean |x| ${mean}`);
      }
    });

    test('the history: out-of-order steps throw, resetState starts afresh, setTimesteps clears it', () => {
      const sched = new DpmSolverScheduler({ numTrainTimesteps: 100, schedule: 'cosine' });
      sched.setTimesteps(5);
      assert.deepEqual(sched.timesteps, [99, 79, 59, 40, 20]);
      const x = tf.fill([2, 3], 0.5);
      const start = tf.memory().numTensors;
      const a = sched.step(x, 99, x);
      const b = sched.step(x, 79, x); // second order: uses the x̂_0 of t = 99
      assert.throws(() => sched.step(x, 79, x), /cannot follow t = 79; call resetState\(\) after a jump/);
      assert.throws(() => sched.step(x, 50, x), /only at its timesteps \(99, 79, 59, 40, 20\); got t = 50/);
      sched.resetState();
      const c = sched.step(x, 79, x); // first order from here: as if the chain started at t = 79
      const fresh = new DpmSolverScheduler({ numTrainTimesteps: 100, schedule: 'cosine' });
      fresh.setTimesteps(5);
      fresh.step(x, 99, x).dispose();
      fresh.resetState();
      const d = fresh.step(x, 79, x);
      assert.deepEqual(c.dataSync(), d.dataSync());
      assert.notDeepEqual(b.dataSync(), c.dataSync());
      sched.setTimesteps(5);
      fresh.setTimesteps(5);
      tf.dispose([a, b, c, d]);
      assert.equal(tf.memory().numTensors, start, 'setTimesteps releases the history');
      assert.throws(() => sched.setTimesteps(100), /steps in 1\.\.99, got 100/);
      x.dispose();
    });

    test('RePaint with DPM-Solver++ and an oracle denoiser: resampling jumps reset the history; the known image is restored', () => {
      const rng = new Rng(3);
      const x0 = rng.uniformTensor([2, 4, 4, 1], -1, 1);
      const known = tf.tidy(() => tf.cast(tf.greater(new Rng(4).uniformTensor([2, 4, 4, 1]), 0.5), 'float32'));
      const sched = new DpmSolverScheduler({ numTrainTimesteps: 100, schedule: 'linear', clipRange: 1 });
      sched.setTimesteps(20);
      // data = the one image x0: the exact ε̂(x_t, t) = (x_t − √ᾱ_t·x0)/√(1−ᾱ_t)
      const oracle = (x: tf.Tensor, t: number) => tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(sched.alphasCumprod[t]))), Math.sqrt(1 - sched.alphasCumprod[t]));
      const before = tf.memory().numTensors;
      const out = inpaint(sched, oracle, x0, known, rng, { resample: 3 });
      assert.equal(tf.memory().numTensors, before + 1);
      const err = tf.tidy(() => tf.max(tf.abs(tf.mul(tf.sub(out, x0), tf.sub(1, known)))).dataSync()[0]);
      assert.ok(err < 1e-4, `max |x̂ − x0| over the unknown region = ${err}`);
      tf.dispose([x0, known, out]);
    });
  });
}
