import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { checkIdxPair, parseIdxImages, parseIdxLabels } from '../../src/data/idx.js';
import { imageDatasetFromIdx } from '../../src/data/image-dataset.js';
import { loadIdxSplit, readDataFile } from '../../src/node/data-files.js';
import { loadDataset } from '../../src/node/datasets.js';
import { idxFolder, idxImages, idxLabels } from './idx-files.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('cpu'));

test('parses IDX images and labels', () => {
  const im = parseIdxImages(idxImages(3, 4, 5));
  assert.deepEqual([im.count, im.rows, im.cols, im.data.length], [3, 4, 5, 60]);
  assert.equal(im.data[21], (7 + 21) % 256);
  const lb = parseIdxLabels(idxLabels([3, 1, 4]));
  assert.deepEqual([lb.count, Array.from(lb.data)], [3, [3, 1, 4]]);
});

test('wrong IDX magic names both expected magics', () => {
  assert.throws(() => parseIdxImages(idxImages(1, 2, 2, 0x1234), '/d/x.idx'),
    /\/d\/x\.idx is not an images IDX file: magic 0x00001234 \(expected 0x00000803 for images or 0x00000801 for labels\)/);
  assert.throws(() => parseIdxImages(idxLabels([1])), /magic 0x00000801 \(that is a labels file\)/);
  assert.throws(() => parseIdxLabels(idxImages(1, 2, 2)), /not a labels IDX file.*that is an images file/);
});

test('truncated IDX says how many bytes the header promised', () => {
  const full = idxImages(10, 28, 28);
  assert.throws(() => parseIdxImages(full.subarray(0, 16 + 5000), 'imgs'),
    /imgs is truncated: its header says 10 × 28 × 28 = 7840 bytes of data, but only 5000 follow/);
  assert.throws(() => parseIdxLabels(idxLabels([1, 2, 3]).subarray(0, 6), 'lbl'), /lbl is truncated: 6 bytes/);
  const extra = new Uint8Array(full.length + 3);
  extra.set(full);
  assert.throws(() => parseIdxImages(extra, 'imgs'), /3 unexpected trailing bytes/);
});

test('empty and gzipped buffers get specific errors', () => {
  assert.throws(() => parseIdxImages(new Uint8Array(0), 'e.idx'), /e\.idx is empty \(0 bytes\); expected an IDX file/);
  assert.throws(() => parseIdxLabels(new Uint8Array([0x1f, 0x8b, 8, 0]), 'z'), /z is gzip-compressed/);
});

test('images/labels count mismatch is reported', () => {
  const im = parseIdxImages(idxImages(3, 2, 2));
  const lb = parseIdxLabels(idxLabels([1, 2]));
  assert.throws(() => checkIdxPair(im, lb, 'pair'), /pair: the images file holds 3 images but the labels file holds 2 labels/);
  assert.throws(() => imageDatasetFromIdx('d', im, lb), /3 images but the labels file holds 2/);
});

test('missing file error names the path', async () => {
  const p = path.join(os.tmpdir(), 'genlab-definitely-missing', 'train-images-idx3-ubyte');
  await assert.rejects(readDataFile(p, 'MNIST images'), (e: Error) => e.message.includes(p) && /does not exist/.test(e.message));
  const dir = tempDir('genlab-empty-');
  await assert.rejects(loadDataset({ name: 'mnist', path: dir }), (e: Error) => e.message.includes(dir) && /train-images-idx3-ubyte/.test(e.message));
});

test('empty IDX file on disk fails with its path', async () => {
  const dir = idxFolder({ files: { 'train-labels-idx1-ubyte': new Uint8Array(0) } });
  await assert.rejects(loadIdxSplit(dir, 'train', 'x/train'), (e: Error) =>
    e.message.includes(path.join(dir, 'train-labels-idx1-ubyte')) && /is empty \(0 bytes\)/.test(e.message));
});

for (const gz of [false, true]) {
  test(`loads an IDX folder ${gz ? '(gzipped)' : '(raw)'} through loadDataset`, async () => {
    const dir = idxFolder({ gz });
    const d = await loadDataset({ name: 'fashion-mnist', path: dir, trainSize: 4 });
    assert.deepEqual([d.train.size, d.test.size, d.train.shape, d.train.numClasses], [4, 2, [4, 3, 1], 3]);
    const start = tf.memory().numTensors;
    const b = d.train.batch([1, 0]);
    assert.deepEqual(b.x.shape, [2, 4, 3, 1]);
    assert.deepEqual(Array.from(b.y!.dataSync()), [1, 0]);
    const x = b.x.dataSync();
    assert.ok(Math.abs(x[0] - (7 + 12) / 255) < 1e-7); // image 1, pixel 0 → (1·7 + 12) mod 256
    tf.dispose([b.x, b.y!]);
    assert.equal(tf.memory().numTensors, start);
  });
}

test('corrupt gzip file says so', async () => {
  const dir = tempDir('genlab-badgz-');
  writeFileSync(path.join(dir, 'train-images-idx3-ubyte.gz'), new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
  writeFileSync(path.join(dir, 'train-labels-idx1-ubyte'), idxLabels([1]));
  await assert.rejects(loadIdxSplit(dir, 'train', 'x/train'), /looks gzip-compressed but does not decompress/);
});
