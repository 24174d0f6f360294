// The README's evaluation numbers, recomputed: the shipped classifiers' test accuracies (99.12 % on
// MNIST, 91.46 % on Fashion-MNIST — Fashion-MNIST's IDX files come from Debian's dataset-fashion-mnist)
// and the train/test floor of `genlab eval compare mnist/train mnist/test --n 10000` (FID 1.54, IS 9.73).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tf } from '../../src/engine/tf.js';
import { openSession } from '../../src/node/session.js';
import { weightsDir } from '../../src/node/extractors.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('wasm'));

const FASHION = '/usr/share/datasets/fashion-mnist';

for (const [dataset, correct] of [['mnist', 9912], ['fashion-mnist', 9146]] as const) {
  test(`${dataset}-classifier classifies ${correct} of the 10,000 ${dataset} test images correctly (README: ${correct / 100} %)`,
    { skip: dataset === 'fashion-mnist' && !existsSync(FASHION) ? `${FASHION} missing (apt-get install dataset-fashion-mnist)` : false }, async () => {
      // `init` takes the weights and model section; the data section is the shipped run's dataset
      const s = await openSession({ init: path.join(weightsDir(), `${dataset}-classifier`), overrides: [`data.name=${dataset}`] });
      try {
        const net = Object.values(s.model.networks)[0];
        const test = s.data.test;
        assert.equal(test.size, 10000);
        let hits = 0;
        for (let start = 0; start < test.size; start += 500) {
          const b = test.batch(Array.from({ length: 500 }, (_, i) => start + i));
          const pred = tf.tidy(() => tf.argMax(net.predict(b.x) as tf.Tensor, 1));
          const [p, y] = [pred.dataSync(), b.y!.dataSync()];
          p.forEach((v, i) => (hits += v === y[i] ? 1 : 0));
          tf.dispose([pred, b.x, b.y]);
        }
        assert.equal(hits, correct);
      } finally {
        s.dispose();
      }
    });
}

test('eval compare mnist/train mnist/test --n 10000: FID 1.54 and IS(test) 9.73, the README\'s floor (~30 s)', () => {
  const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'eval', 'compare', 'mnist/train', 'mnist/test', '--n', '10000', '--json'],
    { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual([out.extractor, out.nReal, out.nGenerated, out.source, out.realSource], ['mnist-classifier', 10000, 10000, 'mnist/train', 'mnist/test']);
  // golden values measured on wasm (float32 features, float64 statistics); the README rounds them
  const near = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-6 * want, `${what}: ${got} vs ${want}`);
  near(out.metrics.fid.value, 1.5442287457832435, 'FID');
  near(out.realInceptionScore.mean, 9.732062658436726, 'IS(mnist/test)');
  near(out.inceptionScore.mean, 9.760613168523141, 'IS(mnist/train)');
  assert.equal(out.metrics.fid.value.toFixed(2), '1.54');
  assert.equal(out.realInceptionScore.mean.toFixed(2), '9.73');
  assert.deepEqual([out.metrics.precision.value, out.metrics.recall.value, out.metrics.coverage.value], [0.8615, 0.8564, 0.9397]);
});
