// The procedural shapes (Matthey et al. 2017-style), bag-of-words paragraphs and the train-class filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawShapes, renderShape, shapesDatasets, SHAPE_FACTOR_SIZES } from '../../src/data/shapes.js';
import { bowDatasets, contentWords, paragraphs } from '../../src/data/bow.js';
import { Rng } from '../../src/random/rng.js';
import { loadDataset } from '../../src/node/datasets.js';
import { ImageDataset } from '../../src/data/image-dataset.js';

const ink = (px: Uint8Array) => px.reduce((a, b) => a + (b > 0 ? 1 : 0), 0);

test('shapes: same seed → same sprites, factors in range, binary pixels, labels = shape', () => {
  const a = shapesDatasets({ trainSize: 50, testSize: 10, seed: 4 });
  const b = shapesDatasets({ trainSize: 50, testSize: 10, seed: 4 });
  assert.deepEqual(a.train.pixels, b.train.pixels);
  assert.notDeepEqual(a.train.pixels, shapesDatasets({ trainSize: 50, testSize: 10, seed: 5 }).train.pixels);
  assert.notDeepEqual(a.train.pixels.subarray(0, 4096 * 10), a.test.pixels);
  assert.deepEqual(a.train.shape, [64, 64, 1]);
  for (let i = 0; i < a.train.factors.length; i++) assert.ok(a.train.factors[i] >= 0 && a.train.factors[i] < SHAPE_FACTOR_SIZES[i % 5]);
  assert.ok(a.train.pixels.every((v) => v === 0 || v === 255));
  assert.equal(a.train.labels![7], a.train.factors[35]);
});

test('shapes: factors act as described (scale grows the area, x moves the mass, shapes differ)', () => {
  const render = (f: number[]) => {
    const out = new Uint8Array(64 * 64);
    renderShape(f, 64, out);
    return out;
  };
  const small = ink(render([0, 0, 0, 16, 16]));
  const big = ink(render([0, 5, 0, 16, 16]));
  assert.ok(big > 3 * small, `area ${small} → ${big}`);
  const cx = (px: Uint8Array) => {
    let s = 0, n = 0;
    px.forEach((v, i) => v && ((s += i % 64), n++));
    return s / n;
  };
  assert.ok(cx(render([1, 3, 0, 31, 16])) - cx(render([1, 3, 0, 0, 16])) > 30);
  const [sq, el, he] = [0, 1, 2].map((s) => ink(render([s, 5, 0, 16, 16])));
  assert.ok(sq !== el && el !== he && sq > el, `areas ${sq} ${el} ${he}`);
  assert.ok(he > 50);
  const { pixels } = drawShapes(20, new Rng(1), 32);
  assert.equal(pixels.length, 20 * 32 * 32);
});

test('bow: content words drop stop words; vocabulary by document frequency; counts per paragraph', () => {
  assert.deepEqual(contentWords("The whale's white hump, and THE sea!"), ['whale', 'white', 'hump', 'sea']);
  const para = (w: string) => Array.from({ length: 12 }, (_, i) => `${w}${i % 3 ? 'a' : 'b'} sea ship`).join(' ');
  const text = Array.from({ length: 30 }, (_, i) => para(i % 2 ? 'storm' : 'garden')).join('\n\n');
  assert.equal(paragraphs(text).length, 30);
  const { train, test } = bowDatasets([{ name: 't', text }], { testSize: 5, maxDocFraction: 0.9 });
  assert.equal(train.size + test.size, 30);
  // 'sea' and 'ship' occur in every paragraph (> maxDocFraction), so they are not topic words
  assert.deepEqual([...train.vocab].sort(), ['gardena', 'gardenb', 'storma', 'stormb']);
  const b = train.batch([0]);
  const row = Array.from(b.x.dataSync());
  b.x.dispose();
  b.y?.dispose();
  assert.equal(row.reduce((a, c) => a + c, 0), 12); // the 12 storm*/garden* words of the paragraph
  assert.deepEqual(row.filter((c) => c > 0).sort(), [4, 8]); // i % 3 === 0 → …b (4 times), else …a (8 times)
  assert.equal(train.documentSets()[0].length, 2);
});

test('data.trainClasses keeps only the normal classes in the train split; the test split stays whole', async () => {
  const all = await loadDataset({ name: 'mnist', trainSize: 600, testSize: 100 });
  const only = await loadDataset({ name: 'mnist', trainSize: 600, testSize: 100, trainClasses: [3] });
  const labels = (only.train as ImageDataset).labels!;
  assert.ok(only.train.size > 20 && only.train.size < 600);
  assert.ok(Array.from(labels).every((y) => y === 3));
  assert.equal(only.test.size, all.test.size);
  await assert.rejects(loadDataset({ name: 'mnist', trainSize: 100, trainClasses: [12] }), /not a class/);
  await assert.rejects(loadDataset({ name: 'shapes', path: 'x' }), /does not take the option 'path'/);
  const bow = await loadDataset({ name: 'bow', vocabSize: 300 });
  assert.equal(bow.train.shape[0], 300);
  assert.ok(bow.train.size > 1000, `${bow.train.size} paragraphs`);
});
