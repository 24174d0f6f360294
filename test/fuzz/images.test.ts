// Fuzzes the image-folder path from bytes (decodeImage in src/node/datasets/image-files.ts, PNG and JPEG;
// image-folder.ts, paired-images.ts): damaged files fail naming the file; folders and A|B pairs build exact pixels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { decodeImage, jpegSize } from '../../src/node/datasets/image-files.js';
import { encodePng } from '../../src/node/png-codec.js';
import { rastersToPixels, compositeOnWhite, type SourceImage } from '../../src/data/image-folder.js';
import { splitAlignedPairs } from '../../src/data/paired-images.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, editsArb, mutate, outcome, outcomeAsync, rejects, rssGrowthMiB } from './fuzz.js';

const cases = new CaseCounter();
const FILE = 'fuzz/photo.jpg';
const IMG_WHY = /PNG|JPEG|megapixels/;

const rasterArb = fc.record({ w: fc.integer({ min: 1, max: 16 }), h: fc.integer({ min: 1, max: 16 }) })
  .chain(({ w, h }) => fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }).map((rgba) => ({ width: w, height: h, rgba })));

const jpegOf = (img: { width: number; height: number; rgba: Uint8Array }, quality = 90) =>
  new Uint8Array(jpeg.encode({ width: img.width, height: img.height, data: Buffer.from(img.rgba) }, quality).data);

test('a JPEG frame header claiming 65500×65500 is refused from the header, in bounded memory', async () => {
  const good = jpegOf({ width: 2, height: 2, rgba: new Uint8Array(16).fill(200) });
  const at = good.findIndex((b, i) => b === 0xff && good[i + 1] === 0xc0);
  const huge = Uint8Array.from(good);
  huge.set([0xff, 0xdc, 0xff, 0xdc], at + 5);
  assert.deepEqual(jpegSize(huge), { width: 65500, height: 65500 });
  const grew = await rssGrowthMiB(async () => {
    await assert.rejects(decodeImage(huge, FILE), (e: Error) => /photo\.jpg is 65500×65500 pixels \(4290 megapixels\); genlab decodes images of at most 64 megapixels/.test(e.message));
  });
  assert.ok(grew < 32, `max RSS +${grew.toFixed(0)} MiB`);
  // inside the budget, but 613 bytes cannot hold 64 megapixels (jpeg-js took 20 s and 1.9 GB to find out)
  const big = Uint8Array.from(good);
  big.set([0x1f, 0x40, 0x1f, 0x40], at + 5);
  const t0 = performance.now();
  const grew2 = await rssGrowthMiB(() => assert.rejects(decodeImage(big, FILE), /photo\.jpg is a corrupt JPEG: its \d+ bytes cannot hold the 8000×8000 pixels its frame header says/));
  assert.ok(grew2 < 32 && performance.now() - t0 < 500, `8000×8000 claim: max RSS +${grew2.toFixed(0)} MiB, ${(performance.now() - t0).toFixed(0)} ms`);
  cases.add('JPEG size claims', 2);
});

// jpeg-js's encoder costs ~40 ms and ~12 MB of tables a call: mutations start from a small fixed pool
const POOL = fc.sample(rasterArb, { seed: 19, numRuns: 4 }).map((img, i) => ({ img, bytes: jpegOf(img, i % 2 ? 50 : 90) }));

test('JPEGs from jpeg-js decode to their size; mutated ones fail naming the file or decode to a whole raster', async () => {
  for (const { img, bytes } of POOL) {
    const ok = await decodeImage(bytes, FILE);
    assert.deepEqual([ok.width, ok.height], [img.width, img.height]);
  }
  cases.add('JPEG round-trip (size)', POOL.length);
  await cases.check('JPEG mutations', 300, fc.asyncProperty(fc.nat(POOL.length - 1), editsArb, async (k, edits) => {
    const bad = mutate(POOL[k].bytes, edits, 200);
    await outcomeAsync(() => decodeImage(bad, FILE), FILE, (r) => assert.equal(r.rgba.length, r.width * r.height * 4), IMG_WHY);
  }));
});

test('mutated PNGs through decodeImage fail naming the file or decode whole', async () => {
  await cases.check('PNG mutations (decodeImage)', 150, fc.asyncProperty(rasterArb, editsArb, async (img, edits) => {
    const bad = mutate(new Uint8Array(encodePng(img)), edits, 40);
    await outcomeAsync(() => decodeImage(bad, 'fuzz/pic.png'), 'fuzz/pic.png', (r) => {
      assert.deepEqual([r.width, r.height], [img.width, img.height]);
      assert.deepEqual(Array.from(r.rgba), Array.from(img.rgba));
    }, IMG_WHY);
  }));
});

test('random bytes are never an image', async () => {
  await cases.check('random bytes', 150, fc.asyncProperty(fc.uint8Array({ maxLength: 120 }), fc.constantFrom([], [0xff, 0xd8, 0xff], [0x89, 0x50]), async (b, head) => {
    await outcomeAsync(() => decodeImage(Uint8Array.from([...head, ...b]), FILE), FILE, () => assert.fail('random bytes decoded'), IMG_WHY);
  }));
});

test('A|B pairs split into exact halves; any other width is an error naming the file', () => {
  cases.check('aligned pairs', 150, fc.property(rasterArb, (img) => {
    const src: SourceImage = { source: 'fuzz/ab.png', image: img };
    outcome(() => splitAlignedPairs([src]), 'fuzz/ab.png', ({ x, x2 }) => {
      const h = img.height;
      assert.equal(img.width, 2 * h);
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < h * 4; c++) {
          assert.equal(x[0].image.rgba[y * h * 4 + c], img.rgba[y * img.width * 4 + c]);
          assert.equal(x2[0].image.rgba[y * h * 4 + c], img.rgba[(y * img.width + h) * 4 + c]);
        }
      }
    });
  }));
});

test('rasters of mixed sizes are an error naming both files; equal sizes give the composited pixels', () => {
  cases.check('rasters to pixels', 150, fc.property(fc.array(rasterArb, { minLength: 1, maxLength: 4 }), (imgs) => {
    const srcs = imgs.map((image, i) => ({ source: `fuzz/${i}.png`, image }));
    const mixed = imgs.some((m) => m.width !== imgs[0].width || m.height !== imgs[0].height);
    outcome(() => rastersToPixels(srcs, { channels: 3 }), mixed ? 'fuzz/0.png' : undefined, ({ pixels, height, width }) => {
      assert.ok(!mixed);
      assert.deepEqual([height, width], [imgs[0].height, imgs[0].width]);
      const e = height * width * 3;
      srcs.forEach((s, i) => assert.deepEqual(Array.from(pixels.subarray(i * e, (i + 1) * e)), Array.from(compositeOnWhite(s.image))));
    });
  }));
});

test('the images folder loader names the damaged file', async () => {
  await cases.check('images loader (path named)', 20, fc.asyncProperty(rasterArb, editsArb, fc.boolean(), async (img, edits, asJpeg) => {
    const dir = tempDir('genlab-fuzz-img-');
    mkdirSync(path.join(dir, 'cats'));
    const sized = { width: 4, height: 4, rgba: img.rgba.subarray(0, 64).length === 64 ? img.rgba.subarray(0, 64) : new Uint8Array(64).fill(9) };
    for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, 'cats', `ok${i}.png`), encodePng(sized));
    const good = asJpeg ? POOL[0].bytes : new Uint8Array(encodePng(sized));
    const file = path.join(dir, 'cats', asJpeg ? 'bad.jpg' : 'bad.png');
    writeFileSync(file, mutate(good, edits, 40));
    await outcomeAsync(() => loadDataset({ name: 'images', path: dir, testFraction: 0.25 }), file, (d) => assert.equal(d.train.size + d.test.size, 4));
  }));
});

test('report', (t) => cases.report(t, 'images'));
