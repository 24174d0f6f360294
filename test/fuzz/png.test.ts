// Fuzzes the PNG decoder (src/node/png-codec.ts over pngjs): every colour type, bit depth, filter and
// Adam7 round-trips; mutated, mis-sized and decompression-bomb files fail fast, in bounded memory, naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeflate } from 'node:zlib';
import fc from 'fast-check';
import { decodePng, encodePng, MAX_PNG_PIXELS } from '../../src/node/png-codec.js';
import { CaseCounter, editsArb, mutate, outcome, rejects, rssGrowthMiB } from './fuzz.js';
import { chunk, concat, DEPTHS, expectedRgba, ihdr, SIGNATURE, writeTestPng, channelsOf, type PngSpec } from './png-bytes.js';

const cases = new CaseCounter();
const FILE = 'fuzz/in.png';
/** A PNG error says what is wrong in the format's terms (not pngjs's stream internals). */
const PNG_WHY = /signature|truncated|CRC|IHDR|IDAT|IEND|PLTE|chunk|inflate|palette|filter|megapixels|pixel data|colour type|bit depth/;

/** zlib bytes of `mib` MiB of zeros, deflated in 1 MiB pieces (the test itself never holds the inflated data). */
async function zerosDeflated(mib: number): Promise<Uint8Array> {
  const z = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((r) => z.on('end', r));
  const mb = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) if (!z.write(mb)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

function pngWith(w: number, h: number, depth: number, colorType: number, interlace: number, idat: Uint8Array): Uint8Array {
  return concat([SIGNATURE, chunk('IHDR', ihdr(w, h, depth, colorType, interlace)), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

// Runs first: max RSS only grows, so the bombs are measured before anything else raised it.
test('decompression bombs (a ~250 KB IDAT inflating to 256 MiB) are refused fast, in bounded memory', async (t) => {
  const bomb = await zerosDeflated(256);
  assert.ok(bomb.length < 400_000, `bomb is ${bomb.length} bytes`);
  for (const [w, h, interlace] of [[1, 1, 0], [1, 1, 1], [16, 16, 1], [4096, 4096, 1]] as const) {
    const png = pngWith(w, h, 8, 6, interlace, bomb);
    const t0 = performance.now();
    const grew = await rssGrowthMiB(() => rejects(() => decodePng(png, FILE), FILE, /decompress|corrupt/));
    const ms = performance.now() - t0;
    t.diagnostic(`bomb ${w}×${h} interlace=${interlace}: refused in ${ms.toFixed(0)} ms, max RSS +${grew.toFixed(0)} MiB`);
    assert.ok(grew < 80, `bomb ${w}×${h} interlace ${interlace} raised max RSS by ${grew.toFixed(0)} MiB`);
    assert.ok(ms < 3000, `bomb took ${ms.toFixed(0)} ms`);
    cases.add('decompression bombs');
  }
});

test('an IHDR claiming a big image with a tiny IDAT fails before the image is allocated', async () => {
  const tiny = new Uint8Array(await zerosDeflated(0));
  const side = Math.floor(Math.sqrt(MAX_PNG_PIXELS)); // inside the pixel budget: the IDAT must be checked too
  for (const [depth, ct, il] of [[16, 6, 0], [16, 6, 1], [8, 2, 0], [1, 0, 1]] as const) {
    const png = pngWith(side, side, depth, ct, il, tiny);
    const grew = await rssGrowthMiB(() => rejects(() => decodePng(png, FILE), FILE));
    assert.ok(grew < 80, `${side}² depth ${depth} type ${ct}: max RSS +${grew.toFixed(0)} MiB for a ${png.length}-byte file`);
    cases.add('claims vs tiny IDAT');
  }
});

const specArb: fc.Arbitrary<PngSpec> = fc
  .record({
    width: fc.integer({ min: 1, max: 19 }),
    height: fc.integer({ min: 1, max: 19 }),
    colorType: fc.constantFrom(0, 2, 3, 4, 6),
    pick: fc.nat(),
    interlace: fc.boolean(),
    filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
    seed: fc.integer(),
    idatParts: fc.integer({ min: 1, max: 3 }),
  })
  .map((r) => {
    const ct = r.colorType as PngSpec['colorType'];
    const depth = DEPTHS[ct][r.pick % DEPTHS[ct].length];
    const n = r.width * r.height * channelsOf(ct);
    let x = r.seed >>> 0 || 1;
    const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8);
    const colours = 2 ** Math.min(depth, 8);
    const samples = Uint16Array.from({ length: n }, () => next() % (ct === 3 ? colours : 2 ** depth));
    const palette = ct === 3 ? Uint8Array.from({ length: 3 * colours }, () => next() & 255) : undefined;
    return { width: r.width, height: r.height, colorType: ct, depth, interlace: r.interlace, samples, palette, filters: r.filters, idatParts: r.idatParts } as PngSpec & { idatParts: number };
  });

test('every colour type × bit depth × filter × interlace round-trips to the RGBA the spec defines', () => {
  cases.check('round-trip (own writer)', 150, fc.property(specArb, (s) => {
    const img = decodePng(writeTestPng(s, (s as PngSpec & { idatParts: number }).idatParts), FILE);
    assert.deepEqual([img.width, img.height], [s.width, s.height]);
    assert.deepEqual(Array.from(img.rgba), Array.from(expectedRgba(s)));
  }));
});

test('a PNG written by encodePng (pngjs) decodes to the same RGBA', () => {
  const arb = fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 24 }) }).chain(({ w, h }) =>
    fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }).map((rgba) => ({ width: w, height: h, rgba })));
  cases.check('round-trip (pngjs writer)', 60, fc.property(arb, (img) => {
    const back = decodePng(encodePng(img), FILE);
    assert.deepEqual([back.width, back.height], [img.width, img.height]);
    assert.deepEqual(Array.from(back.rgba), Array.from(img.rgba));
  }));
});

test('mutated PNGs (flipped, overwritten, truncated, spliced bytes) fail naming the file, or decode to the original', () => {
  cases.check('mutations', 300, fc.property(specArb, editsArb, (s, edits) => {
    const good = writeTestPng(s);
    const bad = mutate(good, edits, 40);
    outcome(() => decodePng(bad, FILE), FILE, (img) => {
      // every chunk carries a CRC: a decode that succeeds must be of the untouched image
      assert.equal(img.rgba.length, img.width * img.height * 4);
      assert.deepEqual([img.width, img.height], [s.width, s.height], 'a damaged file decoded to another size');
      assert.deepEqual(Array.from(img.rgba), Array.from(expectedRgba(s)), 'a damaged file decoded to other pixels');
    }, PNG_WHY);
  }));
});

test('IHDR fields of any value (with a valid CRC) give a clear error or a correct image', () => {
  const arb = fc.record({
    w: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 65536, 8193)),
    h: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(2 ** 31 - 1, 2 ** 32 - 1, 0, 8192)),
    depth: fc.constantFrom(0, 1, 2, 3, 4, 8, 12, 16, 32, 255),
    ct: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 255),
    il: fc.constantFrom(0, 1, 2),
    payload: fc.uint8Array({ maxLength: 64 }),
  });
  cases.check('IHDR fields', 200, fc.property(arb, ({ w, h, depth, ct, il, payload }) => {
    const png = pngWith(w, h, depth, ct, il, payload);
    outcome(() => decodePng(png, FILE), FILE, (img) => assert.equal(img.rgba.length, img.width * img.height * 4), PNG_WHY);
  }));
});

test('palette images whose indices pass the PLTE (or whose PLTE is malformed) fail naming the palette', () => {
  const arb = fc.record({ entries: fc.integer({ min: 0, max: 300 }), extra: fc.constantFrom(0, 0, 1, 2), max: fc.integer({ min: 1, max: 255 }), side: fc.integer({ min: 1, max: 8 }) });
  cases.check('palette', 100, fc.property(arb, ({ entries, extra, max, side }) => {
    const s: PngSpec = { width: side, height: side, colorType: 3, depth: 8, interlace: false, filters: [0], samples: Uint16Array.from({ length: side * side }, (_, i) => (i === 0 ? max : i % (max + 1))) };
    const plte = new Uint8Array(3 * entries + extra).fill(7);
    const good = writeTestPng({ ...s, palette: new Uint8Array(768) });
    // swap in the PLTE under test (chunk 2, right after IHDR's 25 bytes)
    const plteAt = 8 + 25, oldLen = new DataView(good.buffer).getUint32(plteAt);
    const png = concat([good.subarray(0, plteAt), chunk('PLTE', plte), good.subarray(plteAt + 12 + oldLen)]);
    const fits = extra === 0 && entries >= 1 && entries <= 256 && max < entries;
    outcome(() => decodePng(png, FILE), FILE, (img) => {
      assert.ok(fits, `indices up to ${max} with a ${entries}-entry PLTE (+${extra} bytes) decoded`);
      assert.deepEqual(Array.from(img.rgba.subarray(0, 4)), [7, 7, 7, 255]);
    }, /palette|PLTE/);
  }));
});

test('random bytes behind a PNG signature never decode and never hang', () => {
  cases.check('random bytes', 200, fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (body, sig) => {
    const bytes = sig ? concat([SIGNATURE, body]) : body;
    outcome(() => decodePng(bytes, FILE), FILE, () => assert.fail('random bytes decoded as a PNG'), PNG_WHY);
  }));
});

test('report', (t) => cases.report(t, 'png'));
