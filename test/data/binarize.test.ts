import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { binarize, binarizePixels, binarizedCopy } from '../../src/data/binarize.js';
import { ImageDataset } from '../../src/data/image-dataset.js';

before(() => useBackend('cpu'));

test('dynamic binarisation is Bernoulli(p), seeded, and leak-free', () => {
  const start = tf.memory().numTensors;
  const p = tf.tensor4d(Float32Array.from({ length: 4000 }, (_, i) => [0, 0.25, 0.75, 1][i % 4]), [10, 20, 20, 1]);
  const a = binarize(p, new Rng(3));
  const b = binarize(p, new Rng(3));
  assert.deepEqual([a.shape, a.dtype], [[10, 20, 20, 1], 'float32']);
  const av = a.dataSync();
  assert.deepEqual(av, b.dataSync());
  const mean = [0, 0, 0, 0];
  for (let i = 0; i < av.length; i++) {
    assert.ok(av[i] === 0 || av[i] === 1);
    mean[i % 4] += av[i];
  }
  assert.equal(mean[0], 0);
  assert.equal(mean[3], 1000);
  for (let k = 0; k < 4; k++) mean[k] /= 1000;
  assert.ok(Math.abs(mean[1] - 0.25) < 0.05 && Math.abs(mean[2] - 0.75) < 0.05, `means ${mean}`);
  tf.dispose([p, a, b]);
  assert.equal(tf.memory().numTensors, start);
});

test('fixed-seed binarised copy is reproducible and keeps labels', () => {
  const pixels = Uint8Array.from({ length: 6 * 4 }, (_, i) => (i * 37) % 256);
  const ds = new ImageDataset({ name: 'toy/test', pixels, height: 2, width: 2, channels: 1, labels: Uint8Array.from([0, 1, 2, 0, 1, 2]) });
  const a = binarizedCopy(ds), b = binarizedCopy(ds), c = binarizedCopy(ds, 1);
  assert.equal(a.name, 'toy/test/binarized-seed0');
  assert.deepEqual(a.pixels, b.pixels);
  assert.ok(a.pixels.every((v) => v === 0 || v === 255));
  assert.notDeepEqual(a.pixels, c.pixels);
  assert.deepEqual([a.size, a.shape, a.labels, a.numClasses], [6, [2, 2, 1], ds.labels, 3]);
  assert.deepEqual(Array.from(binarizePixels(Uint8Array.from([0, 255]), new Rng(0))), [0, 255]);
});
