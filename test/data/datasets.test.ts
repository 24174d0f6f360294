import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATASET_NAMES, loadDataset } from '../../src/node/datasets.js';

test('unknown dataset name lists the valid names and suggests the closest', async () => {
  await assert.rejects(loadDataset({ name: 'mnsit' }),
    /Unknown dataset 'mnsit'; valid names: mnist, fashion-mnist, ring-8, grid-25, moons, swiss-roll, text, csv, shapes, bow, images, paired-images, unpaired-images, tabular, audio, sequences, table, toy-table\. Did you mean 'mnist'\?/);
  await assert.rejects(loadDataset({ name: 'imagenet' }), (e: Error) => /valid names: mnist/.test(e.message) && !/Did you mean/.test(e.message));
  assert.deepEqual([...DATASET_NAMES], [
    'mnist', 'fashion-mnist', 'ring-8', 'grid-25', 'moons', 'swiss-roll', 'text', 'csv', 'shapes', 'bow',
    'images', 'paired-images', 'unpaired-images', 'tabular', 'audio', 'sequences', 'table', 'toy-table',
  ]);
});

test('options that do not apply are rejected, not ignored', async () => {
  await assert.rejects(loadDataset({ name: 'text', trainSize: 5 }), /Dataset 'text' does not take the option 'trainSize'; its options are: path, blockSize, encoding/);
  await assert.rejects(loadDataset({ name: 'text', path: '/no/such/corpus.txt' }), /Cannot read text corpus: \/no\/such\/corpus\.txt does not exist/);
});
