import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { batchAt, batchIndicesAt, epochOrder, stepsPerEpoch } from '../../src/data/batcher.js';
import { toy2dDatasets } from '../../src/data/toy2d.js';

before(() => useBackend('cpu'));

test('same (step, seed) → same indices; different seed → different', () => {
  assert.deepEqual(batchIndicesAt(17, 8, 100, 42), batchIndicesAt(17, 8, 100, 42));
  batchIndicesAt(3, 8, 100, 1); // evict the memo
  assert.deepEqual(batchIndicesAt(17, 8, 100, 42), batchIndicesAt(17, 8, 100, 42));
  assert.notDeepEqual(batchIndicesAt(17, 8, 100, 42), batchIndicesAt(17, 8, 100, 43));
  assert.notDeepEqual(epochOrder(42, 0, 100), epochOrder(42, 1, 100));
});

test('each epoch visits every index at most once (drop-last)', () => {
  const size = 103, bs = 10, spe = stepsPerEpoch(size, bs);
  assert.equal(spe, 10);
  for (let epoch = 0; epoch < 3; epoch++) {
    const seen = new Set<number>();
    for (let k = 0; k < spe; k++) {
      const idx = batchIndicesAt(epoch * spe + k, bs, size, 5);
      assert.equal(idx.length, bs);
      for (const i of idx) {
        assert.ok(i >= 0 && i < size);
        assert.ok(!seen.has(i), `index ${i} repeated in epoch ${epoch}`);
        seen.add(i);
      }
    }
    assert.equal(seen.size, 100);
  }
  assert.deepEqual([...epochOrder(5, 0, 50)].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
});

test('a resumed run reproduces the uninterrupted sequence', () => {
  const run = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => Array.from(batchIndicesAt(from + i, 4, 30, 9)));
  const full = run(0, 40);
  const resumed = [...run(0, 13), ...run(13, 40)];
  assert.deepEqual(resumed, full);
  // Interleaving with another run's calls (another seed/size) does not disturb it.
  const mixed = full.map((_, s) => (batchIndicesAt(s, 2, 11, 1), Array.from(batchIndicesAt(s, 4, 30, 9))));
  assert.deepEqual(mixed, full);
});

test('batch size larger than the dataset teaches', () => {
  assert.throws(() => batchIndicesAt(0, 64, 10, 0), /dataset has 10 examples, batch size 64 needs at least 64/);
  assert.throws(() => batchIndicesAt(-1, 4, 10, 0), /step must be an integer ≥ 0, got -1/);
  assert.throws(() => stepsPerEpoch(10, 0), /batch size must be an integer ≥ 1, got 0/);
});

test('batchAt gathers the step batch without leaking', () => {
  const { train } = toy2dDatasets('ring-8', { trainSize: 32, testSize: 4 });
  const start = tf.memory().numTensors;
  const b = batchAt(train, 3, 8, 0);
  const idx = batchIndicesAt(3, 8, 32, 0);
  assert.deepEqual(Array.from(b.y!.dataSync()), Array.from(idx, (i) => train.labels![i]));
  tf.dispose([b.x, b.y!]);
  assert.equal(tf.memory().numTensors, start);
});
