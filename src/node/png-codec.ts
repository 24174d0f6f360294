// Node PNG encode/decode (pngjs) for the pure RGBA rasters of src/io/png.ts, and PNG → [0,1] float
// image loading; grey conversion uses ITU-R BT.601 luma, as PIL's convert('L') does.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { makeDirs } from './run-dir.js';
import { checkPngStructure } from './png-check.js';
import type { RgbaImage } from '../io/png.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Encodes an 8-bit RGBA raster as PNG bytes. */
export function encodePng(img: RgbaImage): Buffer {
  const { width, height, rgba } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: width and height must be positive integers, got ${width}×${height}.`);
  }
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: expected ${width}×${height}×4 = ${width * height * 4} bytes of RGBA, got ${rgba.length}.`);
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

/** The largest PNG decodePng accepts (2²⁶ pixels: 256 MiB of RGBA). */
export const MAX_PNG_PIXELS = 2 ** 26;

/** Decodes PNG bytes (any bit depth / colour type) to 8-bit RGBA; `source` names the input in errors. */
export function decodePng(buf: Uint8Array, source = 'input'): RgbaImage {
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) {
    throw new Error(`${source} is not a PNG file (missing the PNG signature).`);
  }
  // the size comes from IHDR before anything is inflated: a small file can claim gigabytes of pixels
  if (buf.length >= 24 && String.fromCharCode(buf[12], buf[13], buf[14], buf[15]) === 'IHDR') {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const w = view.getUint32(16), h = view.getUint32(20);
    if (w * h > MAX_PNG_PIXELS) {
      throw new Error(`${source} is ${w}×${h} pixels (${((w * h) / 1e6).toFixed(0)} megapixels); genlab decodes PNGs of at most ${MAX_PNG_PIXELS / 2 ** 20} megapixels — resize it first.`);
    }
  }
  checkPngStructure(buf, source); // chunks, CRCs, IHDR and the inflated size, before pngjs allocates anything
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  } catch (e) {
    // what passes the structure check and still fails is in the pixels (bad filter byte, palette index)
    const msg = (e as Error).message;
    const why = e instanceof Error && e.constructor === Error && /palette|filter|Unsupported|Invalid/i.test(msg) ? msg : 'its pixel data cannot be decoded';
    throw new Error(`${source} is a corrupt PNG: ${why}.`);
  }
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/** Writes `img` as a PNG file, creating the parent directory if needed. */
export async function writePng(file: string, img: RgbaImage): Promise<void> {
  await makeDirs(path.dirname(path.resolve(file))); // not mkdir -p: it spins forever under /proc
  await writeFile(file, encodePng(img));
}

/** A float image in HWC layout with values in [0,1]. */
export interface FloatImage {
  data: Float32Array;
  h: number;
  w: number;
  c: number;
}

/** Reads a PNG file as a [h, w, channels] float image in [0,1]; alpha is dropped, grey is BT.601 luma. */
export async function readPngImage(file: string, opts: { channels: 1 | 3 } = { channels: 3 }): Promise<FloatImage> {
  const c = opts.channels;
  if (c !== 1 && c !== 3) throw new Error(`readPngImage: channels must be 1 or 3, got ${String(c)}.`);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`PNG file not found: ${file}`);
    throw new Error(`Could not read PNG file ${file}: ${(e as Error).message}`);
  }
  const { width: w, height: h, rgba } = decodePng(buf, file);
  const data = new Float32Array(h * w * c);
  for (let p = 0; p < h * w; p++) {
    const r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
    if (c === 1) {
      data[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b) / 255;
    } else {
      data[3 * p] = r / 255;
      data[3 * p + 1] = g / 255;
      data[3 * p + 2] = b / 255;
    }
  }
  return { data, h, w, c };
}
