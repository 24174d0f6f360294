// Parity with nanoGPT (PyTorch): logits of tiny GPTs with fixed weights within 1e-4 relative, and
// greedy decoding of 20 tokens identical, the cross-entropy and every parameter's gradient within
// 1e-4 relative, on cpu and wasm (fixture: test/fixtures/gpt/make_fixture.py).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';
import { gptFromFixture, loadFixture, torchName } from './helpers.js';
import { lossAndGrads, trainableVariables } from '../../src/train/grads.js';

const fixture = loadFixture();

for (const backend of TEST_BACKENDS) {
  describe(`GPT parity with nanoGPT (${backend})`, () => {
    before(async () => {
      await useBackend(backend);
      gptFromFixture(fixture.cases[0]).dispose(); // one-time tfjs-layers caches are not leaks
    });

    fixture.cases.forEach((c, ci) => {
      const label = `case ${ci} (bias=${c.config.bias}, tied=${c.config.tie}, ${c.config.n_layer} layers, ${c.config.n_head} heads)`;

      test(`${label}: logits within 1e-4 relative`, () => {
        const start = tf.memory().numTensors;
        const model = gptFromFixture(c);
        const idx = tf.tensor2d(c.idx, undefined, 'int32');
        const logits = model.logits(idx);
        assert.deepEqual(logits.shape, [c.idx.length, c.idx[0].length, c.config.vocab_size]);
        const got = logits.dataSync();
        const scale = Math.max(...c.logits.map(Math.abs));
        let worst = 0;
        c.logits.forEach((want, i) => (worst = Math.max(worst, Math.abs(got[i] - want) / Math.max(Math.abs(want), 1e-2 * scale))));
        assert.ok(worst <= 1e-4, `worst relative error ${worst}`);
        logits.dispose();
        idx.dispose();
        model.dispose();
        assert.equal(tf.memory().numTensors, start);
      });

      test(`${label}: cross-entropy and all gradients match torch's backward`, () => {
        const model = gptFromFixture(c);
        const x = tf.tensor2d(c.idx, undefined, 'int32');
        const y = tf.tensor2d(c.targets, undefined, 'int32');
        const vars = trainableVariables(Object.values(model.networks));
        const r = lossAndGrads(() => model.loss({ x, y }), vars);
        const loss = r.loss.dataSync()[0];
        assert.ok(Math.abs(loss - c.loss) <= 1e-5 * c.loss, `loss ${loss} vs torch ${c.loss}`);
        model.networks.gpt.weights.forEach((w, i) => {
          const { key, transpose } = torchName(w.originalName);
          const gt = transpose ? tf.transpose(r.grads[i]) : null;
          const g = (gt ?? r.grads[i]).dataSync();
          gt?.dispose();
          const want = c.grads[key];
          const scale = Math.max(...want.map(Math.abs));
          const worst = want.reduce((m, v, j) => Math.max(m, Math.abs(g[j] - v)), 0) / scale;
          assert.ok(worst <= 1e-4, `${w.originalName}: max |Δ| / max |g| = ${worst}`);
        });
        r.grads.forEach((g) => g.dispose());
        [r.loss, x, y].forEach((t) => t.dispose());
        model.dispose();
      });

      test(`${label}: greedy decoding of 20 tokens matches exactly`, () => {
        const model = gptFromFixture(c);
        const [out] = model.generate([Int32Array.from(c.prompt)], 20, { temperature: 0 }, new Rng(1));
        assert.deepEqual(Array.from(out), c.greedy);
        model.dispose();
      });
    });
  });
}
