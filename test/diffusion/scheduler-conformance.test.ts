// One contract for every scheduler in the table (a new table line is tested here automatically):
// timesteps, and sampling N(μ, s²) with the exact (oracle) denoiser for ε- and v-prediction.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { SCHEDULERS, createScheduler, schedulerEntry, schedulerNames, type SchedulerConfig } from '../../src/schedulers/index.js';
import { sampleDiffusion, type DenoiseFn } from '../../src/samplers/diffusion.js';
import { useBackend } from '../helpers/engine.js';

const T = 100;
const MU = 1.5, S = 0.5; // x_0 ~ N(μ, s²) per coordinate
const N = 4000;
// Tolerances: the sample mean of N = 4000 draws has standard error s/√N ≈ 0.008 and the std ≈ 0.006;
// the rest of the budget is discretisation error (and x_T ~ N(0, 1) instead of N(√ᾱ_T·μ, …)).
const TOL_MEAN = 0.04, TOL_STD = 0.04;
// Deterministic solvers run 25 steps. Stochastic ones run all T: their step variance β̃ leaves out
// Var[x_0 | x_t] (Bao et al. 2022, Analytic-DPM), which vanishes only as the steps shrink — at 25 of 100
// steps DDPM and DDIM η = 1 give std 0.435 for s = 0.5. Measured (ε, seed 5): DDPM / DDIM η = 1 at 100
// steps mean 1.510, std 0.467; DDIM η = 0 at 25 steps 1.474, 0.464; DPM-Solver++ at 25 steps 1.507, 0.488.
const stepsFor = (stochastic: boolean) => (stochastic ? T : 25);

/**
 * The exact model output for x_0 ~ N(μ, s²): x_t ~ N(√ᾱ·μ, ᾱs² + 1 − ᾱ), so
 * ε*(x_t) = √(1−ᾱ)·(x_t − √ᾱ·μ)/(ᾱs² + 1 − ᾱ), x̂_0* = μ + √ᾱ·s²·(x_t − √ᾱ·μ)/(ᾱs² + 1 − ᾱ), v* = √ᾱ·ε* − √(1−ᾱ)·x̂_0*.
 */
function oracle(abarOf: (t: number) => number, prediction: 'epsilon' | 'v'): DenoiseFn {
  return (x, t) =>
    tf.tidy(() => {
      const a = abarOf(t), v = a * S * S + 1 - a;
      const centred = tf.sub(x, Math.sqrt(a) * MU);
      const eps = tf.mul(centred, Math.sqrt(1 - a) / v);
      if (prediction === 'epsilon') return eps;
      const x0 = tf.add(tf.mul(centred, (Math.sqrt(a) * S * S) / v), MU);
      return tf.sub(tf.mul(eps, Math.sqrt(a)), tf.mul(x0, Math.sqrt(1 - a)));
    });
}

function stats(v: ArrayLike<number>): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - m) ** 2;
  return { mean: m, std: Math.sqrt(q / v.length) };
}

/** The configurations each scheduler is run under: both predictions, and η = 1 where it makes the steps stochastic. */
function configsOf(name: string): Array<{ label: string; cfg: SchedulerConfig; stochastic: boolean }> {
  const entry = schedulerEntry(name);
  const out: Array<{ label: string; cfg: SchedulerConfig; stochastic: boolean }> = [];
  for (const prediction of ['epsilon', 'v'] as const) {
    for (const eta of [0, 1]) {
      const cfg: SchedulerConfig = { numTrainTimesteps: T, schedule: 'cosine', prediction, clipRange: 0, eta };
      const stochastic = entry.stochastic(cfg);
      if (eta === 1 && stochastic === entry.stochastic({ ...cfg, eta: 0 })) continue; // η changes nothing here
      out.push({ label: `${prediction}${eta ? ', η = 1' : ''}`, cfg, stochastic });
    }
  }
  return out;
}

describe('scheduler conformance (wasm)', () => {
  before(() => useBackend('wasm'));

  test('the table has the built-in schedulers, and an unknown name lists them', () => {
    assert.deepEqual(schedulerNames(), Object.keys(SCHEDULERS));
    for (const name of ['ddpm', 'ddim']) assert.ok(schedulerNames().includes(name as never), name);
    assert.throws(() => schedulerEntry('euler'), (e: Error) => e.message === `Unknown sampler "euler"; use ${schedulerNames().join(' or ')}.`);
    assert.throws(() => schedulerEntry('toString'), /Unknown sampler "toString"/);
  });

  for (const name of schedulerNames()) {
    const entry = schedulerEntry(name);

    test(`${name}: timesteps are integers in 0..T−1, strictly decreasing, as many as asked`, () => {
      for (const n of [1, 7, 25, entry.defaultSteps(T)]) {
        const s = createScheduler(name, { numTrainTimesteps: T, schedule: 'linear' }, n);
        const ts = s.timesteps;
        assert.equal(ts.length, n, `${n} steps`);
        ts.forEach((t, i) => {
          assert.ok(Number.isInteger(t) && t >= 0 && t <= T - 1, `n=${n}: t=${t}`);
          if (i > 0) assert.ok(t < ts[i - 1], `n=${n}: ${ts[i - 1]} then ${t}`);
        });
      }
      assert.ok(entry.description.length > 10);
      assert.throws(() => createScheduler(name, { numTrainTimesteps: T, schedule: 'linear' }, 0), /steps/);
    });

    for (const { label, cfg, stochastic } of configsOf(name)) {
      test(`${name} (${label}): the exact denoiser of N(${MU}, ${S}²) gives its mean${stochastic ? ' and variance' : ' and spread'} in ${stepsFor(stochastic)} steps, reproducibly, leaking nothing`, () => {
        const sched = createScheduler(name, cfg, stepsFor(stochastic));
        const denoise = oracle((t) => sched.alphasCumprod[t], cfg.prediction!);
        const start = tf.memory().numTensors;
        const x = sampleDiffusion(sched, denoise, [N, 1], new Rng(5));
        const v = x.dataSync().slice();
        x.dispose();
        assert.equal(tf.memory().numTensors, start, 'no tensors left after a full loop');
        const st = stats(v);
        assert.ok(Math.abs(st.mean - MU) < TOL_MEAN, `mean ${st.mean} vs ${MU}`);
        assert.ok(Math.abs(st.std - S) < TOL_STD, `std ${st.std} vs ${S}`);
        // the same scheduler again (any solver state is reset between runs) and the same seed: the same samples
        const y = sampleDiffusion(sched, denoise, [N, 1], new Rng(5));
        assert.deepEqual(y.dataSync(), v);
        y.dispose();
      });
    }
  }
});
