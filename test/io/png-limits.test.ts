// A PNG's size is checked from its IHDR before decoding (a few hundred bytes can claim 3.6 gigapixels),
// and writing a PNG where no folder can be made fails at once instead of spinning (/proc).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { decodePng, encodePng, MAX_PNG_PIXELS, writePng } from '../../src/node/png-codec.js';

/** A valid 1×1 PNG whose IHDR is rewritten to claim w×h (the CRC no longer matches: the check must come first). */
function claiming(w: number, h: number): Uint8Array {
  const png = new Uint8Array(encodePng({ width: 1, height: 1, rgba: new Uint8Array([255, 0, 0, 255]) }));
  const view = new DataView(png.buffer);
  view.setUint32(16, w);
  view.setUint32(20, h);
  return png;
}

test('a PNG claiming more pixels than the budget is refused before decoding, naming the file and its size', () => {
  const t0 = performance.now();
  assert.throws(() => decodePng(claiming(60000, 60000), 'huge.png'), /^Error: huge\.png is 60000×60000 pixels \(3600 megapixels\); genlab decodes PNGs of at most 64 megapixels/);
  assert.ok(performance.now() - t0 < 1000);
  // at the budget the header passes and pngjs reports the real damage (the patched CRC)
  const side = Math.sqrt(MAX_PNG_PIXELS);
  assert.throws(() => decodePng(claiming(side, side), 'edge.png'), /^Error: edge\.png is a corrupt PNG/);
  assert.equal(decodePng(claiming(1, 1), 'ok.png').width, 1);
});

test('writePng under /proc fails with the reason, at once', { skip: !existsSync('/proc/self') && 'no /proc' }, async () => {
  const t0 = performance.now();
  await assert.rejects(writePng('/proc/genlab-test/x.png', { width: 1, height: 1, rgba: new Uint8Array(4) }), /\/proc does not allow new folders/);
  assert.ok(performance.now() - t0 < 5000);
});
