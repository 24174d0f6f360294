// The NaN stop's exact numbers: the 1-based step whose batch first holds a corrupt row, the loss that
// became NaN, every cadence checkpoint before it, and the last good one (judged by the loss after it).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { getSpec, resolveModelConfig } from '../../src/registry.js';
import { getRecipe } from '../../src/train/recipes/index.js';
import { runTrainer } from '../../src/train/trainer.js';
import { NonFiniteLossError } from '../../src/train/events.js';
import { batchIndicesAt } from '../../src/data/batcher.js';
import { useBackend } from '../helpers/engine.js';
import { pointsWithNaN } from '../helpers/nan-points.js';

before(() => useBackend('cpu'));


for (const bad of [40, 5]) {
  test(`a NaN in row ${bad} stops training at the first step that draws it, naming the last cadence checkpoint`, async () => {
    const spec = getSpec('vae');
    const config = resolveModelConfig(spec, { overrides: ['model.hidden=8', 'model.latentDim=2', 'model.decoder=gaussian', 'data.binarize=none', 'train.batchSize=8', 'train.steps=100', 'train.checkpointEvery=2'] });
    // the batch order is a pure function of (step, batch size, size, seed): find the first step with the row
    let want = 0;
    while (!Array.from(batchIndicesAt(want, 8, 64, config.seed)).includes(bad)) want++;
    assert.ok(want < 100);
    const model = spec.create(config, new Rng(1), { kind: 'vector', shape: [2] });
    const recipe = getRecipe(spec.recipe)(model, config, new Rng(2));
    const saved: number[] = [];
    const steps: number[] = [];
    const marked: number[] = [];
    const diverged: (number | null)[] = [];
    const err = await runTrainer({
      recipe, train: config.train, seed: config.seed, trainData: pointsWithNaN(bad), dataRng: new Rng(4),
      checkpoint: async (s) => { saved.push(s); return `ckpt-${s}`; },
      markGood: async (s) => { marked.push(s); },
      onDiverged: async (s) => { diverged.push(s); },
      onEvent: (e) => { if (e.type === 'step') steps.push(e.step); },
    }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof NonFiniteLossError, `expected NonFiniteLossError, got ${err}`);
    assert.equal(err.step, want + 1, `stopped at step ${err.step}, the NaN row is first drawn at (1-based) step ${want + 1}`);
    assert.ok(Number.isNaN(err.value));
    assert.equal(err.lossName, 'loss');
    // steps 1 … want completed; a checkpoint after every second one
    assert.deepEqual(steps, Array.from({ length: want }, (_, i) => i + 1));
    const cadence = Array.from({ length: Math.floor(want / 2) }, (_, i) => 2 * (i + 1));
    assert.deepEqual(saved, cadence);
    // a checkpoint is good once the step after it (the first computed at its weights) has a finite loss:
    // one saved right before the NaN step is not
    const good = cadence.filter((c) => c < want);
    assert.deepEqual(marked, good);
    assert.deepEqual(diverged, [good.length ? good[good.length - 1] : null]);
    if (good.length) {
      const last = good[good.length - 1];
      assert.deepEqual(err.lastGood, { path: `ckpt-${last}`, step: last });
      assert.ok(err.message.includes(`at step ${want + 1};`) && err.message.includes(`ckpt-${last} (step ${last})`), err.message);
    } else {
      assert.equal(err.lastGood, null);
      assert.match(err.message, /No good checkpoint was written/);
    }
    recipe.dispose();
    model.dispose();
  });
}
