// `genlab eval accuracy` and `genlab eval labels` end to end on tiny runs, each checked against the
// answer counted here from the same checkpoint (same test images; same seeded sample order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { openSession } from '../../src/node/session.js';
import { loadExtractor } from '../../src/node/extractors.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('eval accuracy DIR --json: the share of test images a trained tiny classifier gets right', async () => {
  const dir = tempDir();
  const t = genlab('train', 'classifier', '--preset', 'tiny', '--out', dir);
  assert.equal(t.code, 0, t.err);
  const r = genlab('eval', 'accuracy', dir, '--json'); // the whole test split (64 images at the tiny preset)
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  await useBackend('wasm');
  const s = await openSession({ checkpoint: dir });
  try {
    const n = s.data.test.size;
    const b = s.data.test.batch(Array.from({ length: n }, (_, i) => i));
    const pred = tf.tidy(() => tf.argMax(Object.values(s.model.networks)[0].predict(b.x) as tf.Tensor, 1));
    const y = b.y!.dataSync();
    const hits = Array.from(pred.dataSync()).filter((p, i) => p === y[i]).length;
    tf.dispose([pred, b.x, b.y]);
    assert.deepEqual([out.model, out.n, out.dataset], ['classifier', n, `${s.config.data.name}/test`]);
    assert.equal(out.accuracy, hits / n);
    assert.ok(out.accuracy > 0.15, `a tiny trained classifier beats chance (0.1; measured 0.22): ${out.accuracy}`);
  } finally {
    s.dispose();
  }
  const text = genlab('eval', 'accuracy', dir, '--n', '40');
  assert.match(text.out, /^accuracy \d+\.\d\d % on 40 mnist\/test images$/m);
});

test('eval labels DIR --json: per-class shares of a tiny cvae\'s samples that mnist-classifier assigns to the requested digit', async () => {
  const dir = tempDir();
  const t = genlab('train', 'cvae', '--preset', 'tiny', '--out', dir);
  assert.equal(t.code, 0, t.err);
  const r = genlab('eval', 'labels', dir, '--per-class', '12', '--seed', '3', '--json');
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  await useBackend('wasm');
  const s = await openSession({ checkpoint: dir });
  const clf = await loadExtractor('mnist-classifier');
  try {
    // the documented draw: one seeded Rng, class c = 0 … 9 in turn, 12 samples each
    const rng = new Rng(3);
    const hits = Array.from({ length: 10 }, (_, c) => {
      const x = s.recipe.withSamplingWeights(() => s.model.sample(12, rng, { labels: new Array(12).fill(c) }));
      const pred = tf.tidy(() => tf.argMax(clf.probabilities!(x), 1));
      const n = Array.from(pred.dataSync()).filter((p) => p === c).length;
      tf.dispose([x, pred]);
      return n;
    });
    assert.deepEqual(out.perClass, hits.map((h) => h / 12));
    assert.equal(out.accuracy, hits.reduce((a, b) => a + b, 0) / 120);
    assert.deepEqual([out.model, out.perClassCount, out.classifier], ['cvae', 12, 'mnist-classifier']);
  } finally {
    clf.dispose();
    s.dispose();
  }
});
