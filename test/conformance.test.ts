// The conformance suite: every registry entry at its `tiny` preset builds, trains (finite loss
// that changes parameters), samples reproducibly, round-trips through a checkpoint, and leaks no tensors.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_SPECS } from '../src/registry.js';
import { tf } from '../src/engine/tf.js';
import { Rng } from '../src/random/rng.js';
import { openSession } from '../src/node/session.js';
import { trainRun } from '../src/node/train-run.js';
import { TEST_BACKENDS, useBackend } from './helpers/engine.js';
import { tempDir } from './helpers/tmp.js';

/** GENLAB_TEST_BACKEND, else wasm (cpu is too slow for every model) and native when its addon is built. */
const backends = process.env.GENLAB_TEST_BACKEND
  ? [process.env.GENLAB_TEST_BACKEND]
  : TEST_BACKENDS.filter((b) => b !== 'cpu');

/** Samples (generative models) or outputs on seeded random inputs (classifiers), as one array. */
function sampleValues(session: Awaited<ReturnType<typeof openSession>>, seed: number): Float32Array {
  const x = session.recipe.withSamplingWeights(() => {
    if (session.spec.capabilities.output !== 'labels') return session.model.sample(4, new Rng(seed));
    const net = Object.values(session.model.networks)[0];
    return tf.tidy(() => net.predict(new Rng(seed).uniformTensor([4, ...session.data.train.shape])) as tf.Tensor);
  });
  const v = x.dataSync() as Float32Array;
  x.dispose();
  return v.slice();
}

for (const backend of backends) for (const spec of MODEL_SPECS) {
  describe(`conformance: ${spec.id} (tiny, ${backend})`, () => {
    before(() => useBackend(backend));

    test('builds, trains with finite losses that change the parameters', async () => {
      const s = await openSession({ modelId: spec.id, preset: 'tiny' });
      try {
        const before = Object.values(s.model.networks).flatMap((n) => n.getWeights().map((w) => w.dataSync().slice()));
        const batch = s.data.train.batch(Array.from({ length: s.config.train.batchSize }, (_, i) => i));
        const losses = s.recipe.step({ batch, step: 0, lr: s.config.train.lr });
        batch.x.dispose();
        batch.y?.dispose();
        assert.ok(Object.keys(losses).length > 0);
        for (const [k, v] of Object.entries(losses)) assert.ok(Number.isFinite(v), `${k} = ${v}`);
        const after = Object.values(s.model.networks).flatMap((n) => n.getWeights().map((w) => w.dataSync().slice()));
        const changed = after.filter((a, i) => a.some((v, j) => v !== before[i][j])).length;
        if (spec.capabilities.closedForm) {
          // fitted when its recipe was built: every weight is set (not the zeros it starts from) and a step keeps it
          assert.equal(changed, 0, 'a closed-form model changed on a training step');
          assert.ok(after.every((a) => a.some((v) => v !== 0)), 'a closed-form model was not fitted when its recipe was built');
        } else {
          assert.ok(changed > after.length / 2, `only ${changed}/${after.length} weight tensors changed`);
        }
      } finally {
        s.dispose();
      }
    });

    test('same seed → identical samples; different seed → different samples', async () => {
      const a = await openSession({ modelId: spec.id, preset: 'tiny' });
      const b = await openSession({ modelId: spec.id, preset: 'tiny' });
      const c = await openSession({ modelId: spec.id, preset: 'tiny', overrides: ['seed=99'] });
      try {
        assert.deepEqual(sampleValues(a, 5), sampleValues(b, 5), 'same config seed and sampling seed');
        assert.notDeepEqual(sampleValues(a, 5), sampleValues(a, 6), 'different sampling seed');
        // a closed-form fit of the same rows is the same model whatever the seed
        if (!spec.capabilities.closedForm) assert.notDeepEqual(sampleValues(a, 5), sampleValues(c, 5), 'different init seed');
      } finally {
        [a, b, c].forEach((s) => s.dispose());
      }
    });

    test('20 training steps leak no tensors; save → load gives identical samples', async () => {
      const dir = tempDir();
      const start = tf.memory().numTensors;
      const run = await trainRun({ modelId: spec.id, preset: 'tiny', overrides: ['train.steps=20'], out: dir, backend, skipArtifacts: true });
      const trained = sampleValues(run.session, 11);
      run.session.dispose();
      assert.equal(tf.memory().numTensors, start, 'tensors leaked by a 20-step run');
      const loaded = await openSession({ checkpoint: dir });
      try {
        assert.equal(loaded.step, 20);
        assert.deepEqual(sampleValues(loaded, 11), trained);
      } finally {
        loaded.dispose();
      }
      assert.equal(tf.memory().numTensors, start, 'tensors leaked by load');
    });
  });
}
