// Tests for the pure PNG layouts (src/io/png.ts) and the pngjs codec (src/node/png-codec.ts).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { heatmap, imageGrid, scatterPlot, viridis } from '../../src/io/png.js';
import { decodePng, encodePng, readPngImage, writePng } from '../../src/node/png-codec.js';

before(() => useBackend('cpu'));

const px = (img: { width: number; rgba: Uint8Array }, x: number, y: number): number[] =>
  Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

test('imageGrid: dimensions and pixel values (grey, padding, clamping, NaN)', () => {
  // 3 images of 2×2×1: cols 2 → 2 rows; width = 2*(2+1)+1 = 7, height = 7
  const data = new Float32Array([0, 1, 0.5, 2, /* img1 */ -1, NaN, 0.25, 1, /* img2 */ 1, 1, 1, 1]);
  const g = imageGrid(data, 3, 2, 2, 1, { cols: 2, pad: 1, padValue: 0.5 });
  assert.equal(g.width, 7);
  assert.equal(g.height, 7);
  assert.equal(g.rgba.length, 7 * 7 * 4);
  assert.deepEqual(px(g, 0, 0), [128, 128, 128, 255]); // padding
  assert.deepEqual(px(g, 1, 1), [0, 0, 0, 255]);
  assert.deepEqual(px(g, 2, 1), [255, 255, 255, 255]);
  assert.deepEqual(px(g, 1, 2), [128, 128, 128, 255]); // 0.5 → 127.5 → 128
  assert.deepEqual(px(g, 2, 2), [255, 255, 255, 255]); // 2 clamped
  assert.deepEqual(px(g, 4, 1), [0, 0, 0, 255]); // -1 clamped
  assert.deepEqual(px(g, 5, 1), [0, 0, 0, 255]); // NaN → 0
  assert.deepEqual(px(g, 4, 2), [64, 64, 64, 255]); // 0.25 → 63.75
  assert.deepEqual(px(g, 1, 4), [255, 255, 255, 255]); // third image, second row
  assert.deepEqual(px(g, 4, 4), [128, 128, 128, 255]); // empty cell stays padding
});

test('imageGrid: RGB tensor input, defaults, no leaks', () => {
  const before = tf.memory().numTensors;
  const t = tf.tensor4d([1, 0, 0, 0, 1, 0], [2, 1, 1, 3]);
  const g = imageGrid(t, 2, 1, 1, 3);
  t.dispose();
  assert.equal(tf.memory().numTensors, before);
  // cols = ceil(sqrt 2) = 2, pad 2: width = 2*3+2 = 8, height = 1*3+2 = 5
  assert.equal(g.width, 8);
  assert.equal(g.height, 5);
  assert.deepEqual(px(g, 2, 2), [255, 0, 0, 255]);
  assert.deepEqual(px(g, 5, 2), [0, 255, 0, 255]);
  assert.deepEqual(px(g, 0, 0), [0, 0, 0, 255]);
});

test('imageGrid: errors name the problem', () => {
  assert.throws(() => imageGrid(new Float32Array(5), 1, 2, 2, 1), /expected 1×2×2×1 = 4 values, got 5/);
  assert.throws(() => imageGrid(new Float32Array(4), 1, 2, 2, 2), /channels must be 1, 3 or 4/);
});

test('scatterPlot marks points and centres', () => {
  const img = scatterPlot(new Float32Array([0, 0, 0.5, 0.5, NaN, 1, 99, 99]), { size: 101, range: [-1, 1], centers: [[-0.5, -0.5]], title: 'ring 8' });
  assert.equal(img.width, 101);
  assert.equal(img.height, 101 + 14);
  const band = 14;
  const at = (x: number, y: number): number[] => px(img, Math.round(((x + 1) / 2) * 100), band + Math.round((1 - (y + 1) / 2) * 100));
  const [r, g, b] = at(0.5, 0.5);
  assert.ok(b > r && r < 255, `point pixel should be blue-ish, got ${[r, g, b]}`);
  assert.deepEqual(at(-0.5, -0.5).slice(0, 3), [214, 39, 40]); // red centre cross
  assert.deepEqual(at(0.7, -0.7).slice(0, 3), [255, 255, 255]); // empty background
  let dark = 0; // title text drawn in black in the band
  for (let y = 0; y < band; y++) for (let x = 0; x < 101; x++) if (px(img, x, y)[0] === 0) dark++;
  assert.ok(dark > 20);
  assert.throws(() => scatterPlot(new Float32Array(3)), /\[N, 2\]/);
});

test('heatmap: colormap ends, NaN grey, upscaling', () => {
  const img = heatmap(new Float32Array([0, 1, NaN, 0.5]), 2, 2, { scale: 2 });
  assert.equal(img.width, 4);
  assert.equal(img.height, 4);
  assert.deepEqual(px(img, 0, 0), [68, 1, 84, 255]);
  assert.deepEqual(px(img, 3, 1), [253, 231, 37, 255]);
  assert.deepEqual(px(img, 1, 3), [128, 128, 128, 255]);
  assert.deepEqual(px(img, 3, 3).slice(0, 3), viridis(0.5));
  assert.throws(() => heatmap([1, 2, 3], 2, 2), /expected 2×2 = 4 values/);
});

test('encodePng → decodePng round trip, and file read as floats', async () => {
  const img = imageGrid(new Float32Array([0, 0.2, 0.4, 0.6, 0.8, 1, 0.1, 0.3, 0.5, 0.7, 0.9, 1, 1, 0, 0, 0, 0, 1]), 2, 1, 3, 3, { pad: 1 });
  const buf = encodePng(img);
  assert.deepEqual([...buf.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const back = decodePng(buf);
  assert.equal(back.width, img.width);
  assert.equal(back.height, img.height);
  assert.deepEqual(back.rgba, img.rgba);

  const dir = await mkdtemp(path.join(tmpdir(), 'genlab-png-'));
  try {
    const file = path.join(dir, 'sub', 'grid.png');
    const grey = imageGrid(new Float32Array([0, 0.5, 1, 0.2]), 1, 2, 2, 1, { pad: 0 });
    await writePng(file, grey);
    const g1 = await readPngImage(file, { channels: 1 });
    assert.deepEqual([g1.h, g1.w, g1.c], [2, 2, 1]);
    assert.deepEqual(Array.from(g1.data), [0, 128, 255, 51].map((v) => Math.fround(v / 255)));
    const g3 = await readPngImage(file, { channels: 3 });
    assert.equal(g3.c, 3);
    assert.equal(g3.data.length, 12);
    assert.equal(g3.data[3], g1.data[1]);

    await assert.rejects(readPngImage(path.join(dir, 'nope.png')), (e: Error) => e.message.includes('nope.png') && /not found/.test(e.message));
    const bogus = path.join(dir, 'bogus.png');
    await writeFile(bogus, 'hello');
    await assert.rejects(readPngImage(bogus), /bogus\.png is not a PNG file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(() => encodePng({ width: 2, height: 2, rgba: new Uint8Array(3) }), /expected 2×2×4 = 16 bytes/);
});
