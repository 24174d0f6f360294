// A small PNG writer for the fuzz suite (PNG spec, W3C 2003): every colour type and bit depth, the five
// row filters and Adam7 interlacing — cases pngjs cannot write — plus the RGBA a decoder must return.
import { crc32, deflateSync } from 'node:zlib';

/** Allowed bit depths per colour type (PNG spec table 11.1). */
export const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

/** What to write: samples row-major [h, w, channels] at `depth` bits (palette indices for type 3). */
export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: number;
  interlace: boolean;
  samples: Uint16Array;
  /** RGB triples, for colour type 3. */
  palette?: Uint8Array;
  /** Row filter of each scanline, cycled (0 none, 1 sub, 2 up, 3 average, 4 Paeth). */
  filters: number[];
}

/** One chunk: length, type, data, CRC over type + data. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** IHDR payload. */
export function ihdr(w: number, h: number, depth: number, colorType: number, interlace: number): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  d.set([depth, colorType, 0, 0, interlace], 8);
  return d;
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function packRow(s: PngSpec, xs: number[], y: number): Uint8Array {
  const c = CHANNELS[s.colorType];
  const bits = s.depth * c;
  const row = new Uint8Array(Math.ceil((xs.length * bits) / 8));
  let bit = 0;
  for (const x of xs) {
    for (let k = 0; k < c; k++) {
      const v = s.samples[(y * s.width + x) * c + k];
      if (s.depth === 16) {
        row[bit >> 3] = v >> 8;
        row[(bit >> 3) + 1] = v & 255;
      } else if (s.depth === 8) row[bit >> 3] = v;
      else row[bit >> 3] |= v << (8 - s.depth - (bit & 7));
      bit += s.depth;
    }
  }
  return row;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function filterRows(rows: Uint8Array[], bpp: number, filters: number[], start: number): Uint8Array[] {
  return rows.map((row, r) => {
    const f = filters[(start + r) % filters.length];
    const prev = r > 0 ? rows[r - 1] : new Uint8Array(row.length);
    const out = new Uint8Array(row.length + 1);
    out[0] = f;
    for (let i = 0; i < row.length; i++) {
      const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
      out[i + 1] = (row[i] - pred) & 255;
    }
    return out;
  });
}

/** The filtered, uncompressed scanlines of `s` (all Adam7 passes in order when interlaced). */
export function rawScanlines(s: PngSpec): Uint8Array {
  const bpp = Math.max(1, (s.depth * CHANNELS[s.colorType]) >> 3);
  const passes = s.interlace ? ADAM7 : [[0, 0, 1, 1]];
  const out: Uint8Array[] = [];
  let n = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const xs: number[] = [];
    for (let x = x0; x < s.width; x += dx) xs.push(x);
    const rows: Uint8Array[] = [];
    for (let y = y0; y < s.height; y += dy) if (xs.length) rows.push(packRow(s, xs, y));
    out.push(...filterRows(rows, bpp, s.filters, n));
    n += rows.length;
  }
  return concat(out);
}

/** Encodes `s` as PNG bytes (IDAT split in `idatParts` chunks). */
export function writeTestPng(s: PngSpec, idatParts = 1): Uint8Array {
  const z = deflateSync(rawScanlines(s));
  const parts = [SIGNATURE, chunk('IHDR', ihdr(s.width, s.height, s.depth, s.colorType, s.interlace ? 1 : 0))];
  if (s.colorType === 3) parts.push(chunk('PLTE', s.palette!));
  const step = Math.ceil(z.length / idatParts);
  for (let o = 0; o < z.length; o += step) parts.push(chunk('IDAT', z.subarray(o, o + step)));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return concat(parts);
}

/** The 8-bit RGBA a decoder returns for `s` (samples rescaled to 8 bits, as pngjs and libpng do). */
export function expectedRgba(s: PngSpec): Uint8Array {
  const c = CHANNELS[s.colorType];
  const max = 2 ** s.depth - 1;
  const to8 = (v: number) => (s.depth === 8 ? v : Math.floor((v * 255) / max + 0.5));
  const out = new Uint8Array(s.width * s.height * 4);
  for (let p = 0; p < s.width * s.height; p++) {
    const v = Array.from(s.samples.subarray(p * c, p * c + c));
    let px: number[];
    if (s.colorType === 3) px = [...s.palette!.subarray(3 * v[0], 3 * v[0] + 3), 255];
    else if (c === 1) px = [to8(v[0]), to8(v[0]), to8(v[0]), 255];
    else if (c === 2) px = [to8(v[0]), to8(v[0]), to8(v[0]), to8(v[1])];
    else if (c === 3) px = [...v.map(to8), 255];
    else px = v.map(to8);
    out.set(px, 4 * p);
  }
  return out;
}

/** Samples per pixel of a colour type. */
export const channelsOf = (colorType: number): number => CHANNELS[colorType];
