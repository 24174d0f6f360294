// The shared reverse loop (src/samplers/diffusion.ts): the afterStep hook sees each step's output with the
// next inference timestep (−1 after the last), and its return value is what the loop carries on with.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { makeScheduler, reverseDiffusion, sampleDiffusion } from '../../src/samplers/diffusion.js';
import { useBackend } from '../helpers/engine.js';

before(async () => {
  await useBackend('cpu');
});

const cfg = { numTrainTimesteps: 100, schedule: 'linear' as const };

test('afterStep gets the next timestep of the table, −1 after the last step', () => {
  const sched = makeScheduler('ddim', cfg, 4);
  const ts = [...sched.timesteps];
  assert.equal(ts.length, 4);
  const seen: number[] = [];
  const denoised: number[] = [];
  const out = reverseDiffusion(sched, (x, t) => { denoised.push(t); return tf.zerosLike(x); }, tf.ones([1, 2]), new Rng(1), {
    afterStep: (x, tPrev) => { seen.push(tPrev); return tf.add(x, 0); },
  });
  assert.deepEqual(denoised, ts);
  assert.deepEqual(seen, [...ts.slice(1), -1]);
  out.dispose();
});

test("the loop carries on with afterStep's tensor, not the scheduler's", () => {
  // afterStep pins x to a constant 5: the denoiser must then see 5 at every step after the first
  const sched = makeScheduler('ddim', cfg, 3);
  const inputs: number[] = [];
  const out = sampleDiffusion(sched, (x) => { inputs.push(x.dataSync()[0]); return tf.zerosLike(x); }, [1, 1], new Rng(2), {
    afterStep: (x) => tf.fill(x.shape, 5),
  });
  assert.deepEqual(inputs.slice(1), [5, 5]);
  assert.deepEqual(Array.from(out.dataSync()), [5]);
  out.dispose();
});
