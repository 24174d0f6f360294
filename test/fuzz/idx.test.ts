// Fuzzes the IDX (MNIST) parsers (src/data/idx.ts) and the Node IDX folder loader (src/node/data-files.ts):
// round-trips; bad magic, dtype, dimension counts, overflowing sizes and gzip bombs fail naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseIdxImages, parseIdxLabels } from '../../src/data/idx.js';
import { loadIdxSplit } from '../../src/node/data-files.js';
import { tempDir } from '../helpers/tmp.js';
import { idxImages, idxLabels } from '../data/idx-files.js';
import { CaseCounter, editsArb, mutate, outcome, outcomeAsync, rejects, rssGrowthMiB } from './fuzz.js';

const cases = new CaseCounter();
const SRC = 'fuzz/images-idx3-ubyte';

/** An IDX header with any magic and dimension sizes, followed by `body` bytes. */
function idxRaw(magic: number, dims: number[], body: number): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic >>> 0);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d >>> 0));
  return out;
}

/** gzip of an IDX images header declaring count × 28 × 28 (none when count < 0) followed by `mib` MiB of zeros, streamed so the test never holds it inflated. */
async function gzBomb(count: number, mib: number): Promise<Uint8Array> {
  const z = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((r) => z.on('end', r));
  if (count >= 0) z.write(idxRaw(0x803, [count, 28, 28], 0));
  const mb = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) if (!z.write(mb)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

test('a .gz IDX file inflating far past its header (a gzip bomb) stops early, naming the file', async () => {
  const dir = tempDir('genlab-fuzz-idx-');
  const bomb = await gzBomb(10, 384);
  writeFileSync(path.join(dir, 'train-images-idx3-ubyte.gz'), bomb);
  writeFileSync(path.join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(idxLabels(Array(10).fill(1))));
  const file = path.join(dir, 'train-images-idx3-ubyte.gz');
  const grew = await rssGrowthMiB(() => assert.rejects(loadIdxSplit(dir, 'train', 'fuzz/train'), (e: Error) =>
    e.message.includes(file) && /inflates to more than the 7856 bytes its header declares/.test(e.message)));
  assert.ok(grew < 64, `a ${bomb.length}-byte gzip bomb raised max RSS by ${grew.toFixed(0)} MiB`);
  // a bomb without a valid header stops after the first bytes, and the parser names the wrong magic
  writeFileSync(file, await gzBomb(-1, 384));
  const grew2 = await rssGrowthMiB(() => assert.rejects(loadIdxSplit(dir, 'train', 'fuzz/train'), (e: Error) =>
    e.message.includes(file) && /is not an images IDX file: magic 0x00000000/.test(e.message)));
  assert.ok(grew2 < 64, `a header-less gzip bomb raised max RSS by ${grew2.toFixed(0)} MiB`);
  cases.add('gzip bomb', 2);
});

test('headers of any magic, dimension count and sizes fail naming the file, or parse to data of the declared size', () => {
  const arb = fc.record({
    dtype: fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0xff),
    ndims: fc.constantFrom(0, 1, 2, 3, 4, 255),
    lead: fc.constantFrom(0, 0, 0, 1, 0x1f),
    dims: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(2 ** 32 - 1, 2 ** 31, 65536, 60000)), { maxLength: 5 }),
    body: fc.integer({ min: 0, max: 200 }),
    labels: fc.boolean(),
  });
  cases.check('header fields', 400, fc.property(arb, ({ dtype, ndims, lead, dims, body, labels }) => {
    const bytes = idxRaw((lead << 24) | (dtype << 8) | ndims, dims, body);
    if (labels) {
      outcome(() => parseIdxLabels(bytes, SRC), SRC, (l) => assert.equal(l.data.length, l.count));
    } else {
      outcome(() => parseIdxImages(bytes, SRC), SRC, (im) => {
        assert.ok(im.count > 0 && im.rows > 0 && im.cols > 0);
        assert.equal(im.data.length, im.count * im.rows * im.cols);
      });
    }
  }));
});

test('a header whose sizes multiply past 2⁵³ or past the file fails at once', async () => {
  for (const dims of [[2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1], [2 ** 31, 2 ** 31, 2], [60000, 28, 28]]) {
    const grew = await rssGrowthMiB(() => rejects(() => parseIdxImages(idxRaw(0x803, dims, 16), SRC), SRC, /truncated: its header says .* bytes of data, but only 16 follow/));
    assert.ok(grew < 16, `max RSS +${grew.toFixed(0)} MiB`);
    cases.add('overflowing sizes');
  }
});

test('valid IDX images and labels round-trip', () => {
  const arb = fc.record({ count: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) });
  cases.check('round-trip', 100, fc.property(arb, fc.array(fc.nat(255), { minLength: 1, maxLength: 20 }), ({ count, rows, cols }, labels) => {
    const im = parseIdxImages(idxImages(count, rows, cols), SRC);
    assert.deepEqual([im.count, im.rows, im.cols], [count, rows, cols]);
    for (let k = 0; k < count * rows * cols; k++) assert.equal(im.data[k], (Math.floor(k / (rows * cols)) * 7 + k) % 256);
    assert.deepEqual(Array.from(parseIdxLabels(idxLabels(labels), SRC).data), labels);
  }));
});

test('mutated IDX files fail naming the file, or parse to data of the declared size', () => {
  cases.check('mutations', 300, fc.property(fc.integer({ min: 1, max: 4 }), editsArb, fc.boolean(), (n, edits, labels) => {
    if (labels) {
      const bad = mutate(idxLabels(Array.from({ length: n * 3 }, (_, i) => i % 10)), edits, 8);
      outcome(() => parseIdxLabels(bad, SRC), SRC, (l) => assert.equal(l.data.length, l.count));
    } else {
      const bad = mutate(idxImages(n, 3, 4), edits, 16);
      outcome(() => parseIdxImages(bad, SRC), SRC, (im) => assert.equal(im.data.length, im.count * im.rows * im.cols));
    }
  }));
});

test('the IDX folder loader names the damaged file (plain and .gz)', async () => {
  await cases.check('folder loader (path named)', 30, fc.asyncProperty(editsArb, fc.boolean(), fc.constantFrom('images', 'labels'), async (edits, gz, which) => {
    const dir = tempDir('genlab-fuzz-idx-');
    const images = idxImages(4, 3, 3), labels = idxLabels([0, 1, 2, 3]);
    const bad = which === 'images' ? mutate(images, edits, 16) : mutate(labels, edits, 8);
    const files: Record<string, Uint8Array> = { 'train-images-idx3-ubyte': which === 'images' ? bad : images, 'train-labels-idx1-ubyte': which === 'labels' ? bad : labels };
    for (const [name, b] of Object.entries(files)) writeFileSync(path.join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(b) : b);
    const file = path.join(dir, `train-${which}-idx${which === 'images' ? 3 : 1}-ubyte${gz ? '.gz' : ''}`);
    await outcomeAsync(() => loadIdxSplit(dir, 'train', 'fuzz/train'), file, (ds) => assert.ok(ds.size > 0));
  }));
});

test('report', (t) => cases.report(t, 'idx'));
