// Scheduler tests: diffusers' golden values (DDIM full loop, DDPM variance) and parity of addNoise /
// DDPM / DDIM steps with the committed numpy fixture (test/fixtures/diffusion/make_scheduler_fixture.py).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { DdimScheduler, DdpmScheduler, addNoise, velocity, type Scheduler } from '../../src/schedulers/index.js';
import { useBackend } from '../helpers/engine.js';

interface StepCase {
  algo: 'ddpm' | 'ddim';
  prediction: 'epsilon' | 'v';
  t: number;
  numInference: number;
  eta: number;
  clip: number;
  /** DDIM: ε̂ re-derived from the clipped x̂_0. */
  clippedModelOutput: boolean;
  modelOutput: number[];
  sample: number[];
  noise: number[];
  prev: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/diffusion/scheduler_fixture.json', import.meta.url), 'utf8')) as {
  shape: number[];
  numTrainTimesteps: number;
  cases: Array<{
    schedule: 'linear' | 'cosine';
    alphasCumprod: number[];
    alphasCumprodAt: number[];
    addNoise: { t: number[]; x0: number[]; noise: number[]; xt: number[]; v: number[] };
    steps: StepCase[];
  }>;
};

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(d <= tol * (1 + Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

for (const backend of ['cpu', 'wasm']) {
  describe(`schedulers (${backend})`, () => {
    before(() => useBackend(backend));

    test("diffusers' DDIM full loop: 10 steps, η = 0, dummy model x·t/(t+1) → sum |x| = 172.0067", () => {
      const sched = new DdimScheduler({ numTrainTimesteps: 1000, schedule: 'linear', betaStart: 1e-4, betaEnd: 0.02, clipRange: 1, eta: 0 });
      sched.setTimesteps(10);
      assert.deepEqual(sched.timesteps, [900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
      const n = 4 * 3 * 8 * 8; // diffusers' dummy_sample_deter: arange(n)/n, [4, 3, 8, 8]
      let x = tf.div(tf.range(0, n, 1, 'float32'), n);
      for (const t of sched.timesteps) {
        const out = tf.mul(x, t / (t + 1)); // dummy_model
        const next = sched.step(out, t, x);
        out.dispose();
        x.dispose();
        x = next;
      }
      const sum = tf.sum(tf.abs(x));
      const v = sum.dataSync()[0];
      tf.dispose([sum, x]);
      assert.ok(Math.abs(v - 172.0067) < 1e-3, `sum |x| = ${v}`);
      assert.ok(Math.abs(v / n - 0.223967) < 1e-5, `mean |x| = ${v / n}`);
    });

    test("diffusers' DDPM variance: β̃_0 = 0, β̃_487 = 0.00979, β̃_999 = 0.02", () => {
      const s = new DdpmScheduler({ numTrainTimesteps: 1000, schedule: 'linear', betaStart: 1e-4, betaEnd: 0.02 });
      assert.ok(Math.abs(s.variance(0)) < 1e-5);
      assert.ok(Math.abs(s.variance(487) - 0.00979) < 1e-5, `${s.variance(487)}`);
      assert.ok(Math.abs(s.variance(999) - 0.02) < 1e-5, `${s.variance(999)}`);
    });

    for (const c of fixture.cases) {
      test(`numpy parity (${c.schedule}): ᾱ, addNoise, velocity, DDPM/DDIM steps`, () => {
        const sched = new DdpmScheduler({ numTrainTimesteps: fixture.numTrainTimesteps, schedule: c.schedule });
        assertClose(c.alphasCumprodAt.map((t) => sched.alphasCumprod[t]), c.alphasCumprod, 1e-12, 'alphasCumprod');
        const shape = fixture.shape;
        const x0 = tf.tensor(c.addNoise.x0, shape);
        const noise = tf.tensor(c.addNoise.noise, shape);
        const xt = addNoise(sched.alphasCumprod, x0, noise, c.addNoise.t);
        const v = velocity(sched.alphasCumprod, x0, noise, c.addNoise.t);
        assertClose(xt.dataSync(), c.addNoise.xt, 1e-5, 'addNoise');
        assertClose(v.dataSync(), c.addNoise.v, 1e-5, 'velocity');
        tf.dispose([x0, noise, xt, v]);
        for (const s of c.steps) {
          const cfg = { numTrainTimesteps: fixture.numTrainTimesteps, schedule: c.schedule, prediction: s.prediction, clipRange: s.clip };
          const sch: Scheduler = s.algo === 'ddpm' ? new DdpmScheduler(cfg) : new DdimScheduler({ ...cfg, eta: s.eta, useClippedModelOutput: s.clippedModelOutput });
          sch.setTimesteps(s.numInference);
          const [out, x, z] = [s.modelOutput, s.sample, s.noise].map((a) => tf.tensor(a, shape));
          const before = tf.memory().numTensors;
          const prev = sch.step(out, s.t, x, z);
          assert.equal(tf.memory().numTensors, before + 1, 'step leaks no tensors');
          assertClose(prev.dataSync(), s.prev, 2e-5, `${s.algo} ${s.prediction} t=${s.t}${s.clippedModelOutput ? ' (clipped ε̂)' : ''}`);
          tf.dispose([out, x, z, prev]);
        }
      });
    }

    test('an Rng as step noise is reproducible, and noise is required where the step is stochastic', () => {
      const s = new DdpmScheduler({ numTrainTimesteps: 100, schedule: 'cosine' });
      const x = tf.ones([2, 3]);
      const a = s.step(x, 50, x, new Rng(3));
      const b = s.step(x, 50, x, new Rng(3));
      assert.deepEqual(a.dataSync(), b.dataSync());
      assert.throws(() => s.step(x, 50, x), /pass an Rng or a noise tensor/);
      tf.dispose([x, a, b]);
    });
  });
}
