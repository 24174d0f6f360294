// The `sample-ddpm` workload: sampling throughput of the `ddpm` registry entry at a preset, one DDIM
// step (Song et al. 2021, eq. 12, η from the config) per timed call: UNet forward without gradients on
// a batch of noise images at the next inference timestep, then the scheduler update.
import { tf } from '../../src/engine/tf.js';
import { DiffusionModel } from '../../src/models/diffusion/diffusion.js';
import { Rng } from '../../src/random/rng.js';
import { makeScheduler } from '../../src/samplers/diffusion.js';
import { openSession } from '../../src/node/session.js';
import type { OpenWorkload } from './workloads.js';

/** Opens the model at `preset` with fresh weights (the cost of a step does not depend on them). */
export async function openDdimStep(o: { model: string; preset: string; batch: number }): Promise<OpenWorkload> {
  // a small data split: sampling reads no data, and 60k MNIST images would only inflate the peak RSS
  const session = await openSession({ modelId: o.model, preset: o.preset, overrides: ['data.trainSize=64', 'data.testSize=16'] });
  const model = session.model;
  if (!(model instanceof DiffusionModel) || !model.isImage) throw new Error(`sample-ddpm needs an image diffusion model; ${o.model} is not one.`);
  const cfg = model.cfg;
  // the twin (bench/torch/unet.py) is this UNet at two levels with attention, on a linear ε schedule
  const twinShape = cfg.channelMults.join() === '1,2' && cfg.attention && cfg.schedule === 'linear' && cfg.prediction === 'epsilon' && cfg.condition === 'none';
  if (!twinShape) throw new Error(`sample-ddpm: the PyTorch twin models channelMults [1, 2], attention, a linear schedule, ε-prediction and no conditioning; ${o.model} --preset ${o.preset} has ${JSON.stringify({ channelMults: cfg.channelMults, attention: cfg.attention, schedule: cfg.schedule, prediction: cfg.prediction, condition: cfg.condition })}.`);
  const shape = session.data.train.shape; // [H, W, C]
  // the scheduler DiffusionModel.sample builds for DDIM (x̂_0 clipped to [−1, 1] for images, ε̂ re-derived from it)
  const scheduler = makeScheduler('ddim', { numTrainTimesteps: cfg.timesteps, schedule: cfg.schedule, prediction: cfg.prediction, clipRange: 1, useClippedModelOutput: true }, cfg.sampleSteps, cfg.eta);
  const rng = new Rng(session.config.seed + 1);
  const ts = scheduler.timesteps;
  return {
    // fresh x_t ~ N(0, I) each call, drawn outside the timed region; step i takes timestep i mod n
    prepare: (i) => ({ x: rng.normalTensor([o.batch, ...shape]), t: ts[i % ts.length] }),
    step(_i, input) {
      const { x, t } = input as { x: tf.Tensor; t: number };
      const out = tf.tidy(() => scheduler.step(model.predict(x, new Array<number>(o.batch).fill(t)), t, x, rng)); // [B, H, W, C]
      out.dataSync(); // the samples reach JS, as a sampler's caller would read them
      tf.dispose([x, out]);
    },
    flops: null,
    samplesPerStep: o.batch,
    twinArgs: ['--batch', String(o.batch), '--channels', String(cfg.channels), '--groups', String(cfg.groups), '--emb', String(cfg.embDim), '--timesteps', String(cfg.timesteps), '--sample_steps', String(cfg.sampleSteps), '--eta', String(cfg.eta)],
    dispose: () => session.dispose(),
  };
}
