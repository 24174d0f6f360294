import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from './helpers/engine.js';
import { tf } from '../src/engine/tf.js';
import { Rng } from '../src/random/rng.js';

for (const b of ['cpu', 'wasm']) {
  test(`engine starts on ${b}`, async () => {
    assert.equal(await useBackend(b), b);
    const y = tf.tidy(() => tf.sum(tf.mul(tf.tensor([1, 2, 3]), 2)));
    assert.equal(y.dataSync()[0], 12);
    y.dispose();
  });
}

test('Rng is reproducible and forks differ', () => {
  const a = new Rng(42), b = new Rng(42);
  assert.deepEqual([a.uniform(), a.normal()], [b.uniform(), b.normal()]);
  const c = new Rng(a.state());
  assert.equal(c.uniform(), a.uniform());
  assert.notEqual(new Rng(1).uniform(), new Rng(2).uniform());
  let mean = 0, sq = 0;
  const r = new Rng(7);
  for (let i = 0; i < 20000; i++) { const v = r.normal(); mean += v; sq += v * v; }
  mean /= 20000; sq /= 20000;
  assert.ok(Math.abs(mean) < 0.03 && Math.abs(sq - 1) < 0.04, `normal moments ${mean} ${sq}`);
});
