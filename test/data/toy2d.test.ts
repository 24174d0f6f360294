import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { GRID25, RING8, TOY2D_NAMES, sampleToy2d, toy2dDatasets, toy2dMixture } from '../../src/data/toy2d.js';
import { loadDataset } from '../../src/node/datasets.js';

before(() => useBackend('cpu'));

test('mode centres and σ follow the benchmark protocol', () => {
  assert.equal(RING8.centres.length, 8);
  for (const [x, y] of RING8.centres) assert.ok(Math.abs(Math.hypot(x, y) - 2) < 1e-12);
  assert.equal(RING8.sigma, 0.02);
  assert.equal(GRID25.centres.length, 25);
  assert.deepEqual(GRID25.centres[0], [-4, -4]);
  assert.deepEqual(GRID25.centres[24], [4, 4]);
  assert.equal(GRID25.sigma, 0.05);
  assert.equal(toy2dMixture('moons'), null);
});

for (const name of ['ring-8', 'grid-25'] as const) {
  test(`${name}: counts, every point within 6σ of its labelled mode, all modes used`, () => {
    const { train, test: tst } = toy2dDatasets(name, { seed: 3 });
    assert.deepEqual([train.size, tst.size, train.shape, train.kind], [10000, 2500, [2], 'vector']);
    const m = toy2dMixture(name)!;
    assert.equal(train.numClasses, m.centres.length);
    const seen = new Set<number>();
    for (const ds of [train, tst]) {
      for (let i = 0; i < ds.size; i++) {
        const k = ds.labels![i];
        seen.add(k);
        const d = Math.hypot(ds.data[2 * i] - m.centres[k][0], ds.data[2 * i + 1] - m.centres[k][1]);
        assert.ok(d < 6 * m.sigma, `${ds.name} point ${i} is ${d / m.sigma}σ from mode ${k}`);
      }
    }
    assert.equal(seen.size, m.centres.length);
  });
}

test('moons and swiss roll lie in their documented ranges', () => {
  const within = (pts: Float32Array, lo: number[], hi: number[]) => {
    for (let i = 0; i < pts.length; i += 2) {
      assert.ok(pts[i] > lo[0] && pts[i] < hi[0] && pts[i + 1] > lo[1] && pts[i + 1] < hi[1], `point ${pts[i]}, ${pts[i + 1]}`);
    }
  };
  within(sampleToy2d('moons', 5000, new Rng(1)).points, [-1.9, -1.2], [1.9, 1.2]);
  const sr = sampleToy2d('swiss-roll', 5000, new Rng(1));
  assert.equal(sr.labels, undefined);
  within(sr.points, [-1.8, -2], [2.2, 2.4]);
});

test('same seed → identical points; other seed and other split differ', () => {
  for (const name of TOY2D_NAMES) {
    const a = toy2dDatasets(name, { seed: 7, trainSize: 100, testSize: 50 });
    const b = toy2dDatasets(name, { seed: 7, trainSize: 100, testSize: 50 });
    const c = toy2dDatasets(name, { seed: 8, trainSize: 100, testSize: 50 });
    assert.deepEqual(a.train.data, b.train.data);
    assert.deepEqual(a.test.data, b.test.data);
    assert.notDeepEqual(a.train.data, c.train.data);
    assert.notDeepEqual(a.train.data.subarray(0, 100), a.test.data);
  }
});

test('loadDataset resolves toy names; batches do not leak', async () => {
  const d = await loadDataset({ name: 'grid-25', trainSize: 64, testSize: 8, seed: 1 });
  assert.deepEqual([d.train.size, d.test.size], [64, 8]);
  const start = tf.memory().numTensors;
  const b = d.train.batch([0, 5, 63]);
  assert.deepEqual([b.x.shape, b.y!.shape, b.x.dtype, b.y!.dtype], [[3, 2], [3], 'float32', 'int32']);
  tf.dispose([b.x, b.y!]);
  assert.equal(tf.memory().numTensors, start);
  await assert.rejects(loadDataset({ name: 'ring-8', path: '/x' }), /'ring-8' does not take the option 'path'/);
  await assert.rejects(loadDataset({ name: 'ring-8', trainSize: 0 }), /trainSize must be a positive integer, got 0/);
});
