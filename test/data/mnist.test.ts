import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { FASHION_MNIST_DIR, loadDataset } from '../../src/node/datasets.js';
import type { ImageDataset } from '../../src/data/image-dataset.js';
import { idxFolder } from './idx-files.js';

before(() => useBackend('cpu'));

// Class counts of the MNIST training and test sets (LeCun et al.), as every MNIST loader reports them.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function counts(ds: ImageDataset): number[] {
  const c = new Array(10).fill(0);
  for (const l of ds.labels!) c[l]++;
  return c;
}

test('MNIST loads 60000/10000 28×28×1 images with the known labels', async () => {
  const { train, test: tst } = await loadDataset({ name: 'mnist' });
  assert.deepEqual([train.size, tst.size], [60000, 10000]);
  assert.deepEqual(train.shape, [28, 28, 1]);
  assert.deepEqual([train.kind, train.numClasses, train.name, tst.name], ['image', 10, 'mnist/train', 'mnist/test']);
  assert.deepEqual(counts(train as ImageDataset), TRAIN_COUNTS);
  assert.deepEqual(counts(tst as ImageDataset), TEST_COUNTS);

  const start = tf.memory().numTensors;
  const b = train.batch([0, 1, 59999]);
  assert.deepEqual(b.x.shape, [3, 28, 28, 1]);
  assert.equal(b.x.dtype, 'float32');
  assert.equal(b.y!.dtype, 'int32');
  assert.equal(b.y!.dataSync()[0], 5); // the famous first MNIST digit
  const x = b.x.dataSync();
  let min = Infinity, max = -Infinity, sum0 = 0;
  for (let i = 0; i < x.length; i++) { min = Math.min(min, x[i]); max = Math.max(max, x[i]); }
  for (let i = 0; i < 784; i++) sum0 += x[i];
  assert.deepEqual([min, max], [0, 1]);
  assert.ok(Math.abs(sum0 - 27525 / 255) < 1e-3, `first image pixel sum ${sum0}`);
  tf.dispose([b.x, b.y!]);
  assert.equal(tf.memory().numTensors, start, 'batch tensors leaked');

  // Mean pixel over the training set is the well-known 0.1307.
  const px = (train as ImageDataset).pixels;
  let s = 0;
  for (let i = 0; i < px.length; i++) s += px[i];
  assert.ok(Math.abs(s / px.length / 255 - 0.1307) < 1e-4);
});

test('trainSize/testSize keep a prefix and bad sizes teach', async () => {
  const d = await loadDataset({ name: 'mnist', trainSize: 100, testSize: 10 });
  assert.deepEqual([d.train.size, d.test.size, d.train.numClasses], [100, 10, 10]);
  const b = d.train.batch([0]);
  assert.equal(b.y!.dataSync()[0], 5);
  tf.dispose([b.x, b.y!]);
  await assert.rejects(loadDataset({ name: 'mnist', testSize: 20000 }), /testSize is 20000, but mnist\/test has only 10000/);
  await assert.rejects(loadDataset({ name: 'mnist', seed: 1 }), /does not take the option 'seed'; its options are: path, trainSize, testSize/);
});

test('batch() rejects out-of-range indices', async () => {
  const d = await loadDataset({ name: 'mnist', trainSize: 10, testSize: 1 });
  assert.throws(() => d.train.batch([3, 10]), /mnist\/train: index 10 \(position 1 of the batch\) is out of range; valid indices are integers 0\.\.9/);
  assert.throws(() => d.train.batch([1.5]), /index 1\.5/);
});

const haveFashion = existsSync(FASHION_MNIST_DIR);
test('Fashion-MNIST loads from the Debian package folder', { skip: !haveFashion && `${FASHION_MNIST_DIR} absent` }, async () => {
  const { train, test: tst } = await loadDataset({ name: 'fashion-mnist' });
  assert.deepEqual([train.size, tst.size, train.shape, train.numClasses], [60000, 10000, [28, 28, 1], 10]);
  assert.deepEqual(counts(train as ImageDataset), new Array(10).fill(6000));
  assert.deepEqual(counts(tst as ImageDataset), new Array(10).fill(1000));
  assert.equal((train as ImageDataset).labels![0], 9); // the first Fashion-MNIST image is an ankle boot
});

test('Fashion-MNIST missing: the error says how to install or where to point', async () => {
  await assert.rejects(loadDataset({ name: 'fashion-mnist', path: '/nonexistent/fmnist' }),
    /Cannot find fashion-mnist\/train: the folder \/nonexistent\/fmnist does not exist; --data\.path must be a folder with train-images-idx3-ubyte/);
  const dir = idxFolder();
  rmSync(path.join(dir, 't10k-labels-idx1-ubyte'));
  await assert.rejects(loadDataset({ name: 'fashion-mnist', path: dir }),
    (e: Error) => e.message.startsWith(`Cannot find fashion-mnist/test labels: no t10k-labels-idx1-ubyte[.gz] in ${dir}`));
});
