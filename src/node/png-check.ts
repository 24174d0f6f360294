// Structural check of PNG bytes before pngjs decodes them (PNG spec, W3C 2003, §5 and §11): chunk
// bounds and CRCs, IHDR fields, and the inflated size of IDAT against what IHDR needs — no bombs, no silent zero-fill.
import { crc32, inflateSync } from 'node:zlib';

const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
/** Deflate cannot expand data more than ~1032:1 (RFC 1951 block limits); a shorter IDAT cannot hold the image. */
const MAX_DEFLATE_RATIO = 1032;

/** The filtered scanline bytes a w×h image of this depth and colour type inflates to (all Adam7 passes when interlaced). */
export function pngRawSize(w: number, h: number, depth: number, colorType: number, interlace: boolean): number {
  const bpp = depth * CHANNELS[colorType];
  const rows = (pw: number, ph: number) => (pw > 0 && ph > 0 ? ph * (Math.ceil((pw * bpp) / 8) + 1) : 0);
  if (!interlace) return rows(w, h);
  return ADAM7.reduce((s, [x0, y0, dx, dy]) => s + rows(Math.ceil((w - x0) / dx), Math.ceil((h - y0) / dy)), 0);
}

/** Throws an Error naming `source` unless `buf` (signature already checked) is a structurally whole PNG. */
export function checkPngStructure(buf: Uint8Array, source: string): void {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const bad = (why: string): never => {
    throw new Error(`${source} is a corrupt PNG: ${why}`);
  };
  const idat: Uint8Array[] = [];
  let header: { w: number; h: number; depth: number; ct: number; interlace: boolean } | null = null;
  let palette = false;
  let end = false;
  let o = 8;
  while (!end) {
    if (o + 8 > buf.length) bad(`the file is truncated at byte ${buf.length} (no IEND chunk; it ends inside ${header ? 'the chunk list' : 'the header'}).`);
    const len = view.getUint32(o);
    const type = String.fromCharCode(buf[o + 4], buf[o + 5], buf[o + 6], buf[o + 7]);
    if (!/^[A-Za-z]{4}$/.test(type)) bad(`bytes ${o + 4}–${o + 7} should name a chunk but hold ${JSON.stringify(type)}; the file is damaged.`);
    if (o + 12 + len > buf.length) bad(`chunk '${type}' at byte ${o} says ${len} bytes, but the file ends ${buf.length - o - 12} bytes later (truncated).`);
    const data = buf.subarray(o + 8, o + 8 + len);
    if ((crc32(buf.subarray(o + 4, o + 8 + len)) >>> 0) !== view.getUint32(o + 8 + len)) bad(`chunk '${type}' at byte ${o} fails its CRC check (the file is damaged).`);
    if (!header && type !== 'IHDR') bad(`the first chunk is '${type}', but a PNG must start with IHDR.`);
    if (type === 'IHDR') {
      if (header) bad('it has two IHDR chunks.');
      if (len !== 13) bad(`its IHDR chunk is ${len} bytes, not 13.`);
      const w = view.getUint32(o + 8), h = view.getUint32(o + 12);
      const [depth, ct, comp, filter, il] = data.subarray(8, 13);
      if (w < 1 || h < 1 || w > 2 ** 31 - 1 || h > 2 ** 31 - 1) bad(`IHDR says ${w}×${h} pixels; width and height must be 1 … 2³¹−1.`);
      if (!DEPTHS[ct]) bad(`IHDR has colour type ${ct}; PNG defines 0, 2, 3, 4 and 6.`);
      if (!DEPTHS[ct].includes(depth)) bad(`IHDR has bit depth ${depth} for colour type ${ct}; allowed are ${DEPTHS[ct].join(', ')}.`);
      if (comp !== 0 || filter !== 0) bad(`IHDR has compression method ${comp} and filter method ${filter}; PNG defines only 0 for both.`);
      if (il > 1) bad(`IHDR has interlace method ${il}; PNG defines 0 (none) and 1 (Adam7).`);
      header = { w, h, depth, ct, interlace: il === 1 };
    } else if (type === 'PLTE') {
      if (len === 0 || len % 3 !== 0 || len > 768) bad(`its PLTE chunk is ${len} bytes; a palette is 1–256 RGB entries (a multiple of 3 bytes, at most 768).`);
      palette = true;
    }
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') end = true;
    o += 12 + len;
  }
  const { w, h, depth, ct, interlace } = header!;
  if (ct === 3 && !palette) bad('it is a palette image (colour type 3) without a PLTE chunk.');
  if (idat.length === 0) bad('it has no IDAT chunk (no pixel data).');
  const need = pngRawSize(w, h, depth, ct, interlace);
  const have = idat.reduce((s, d) => s + d.length, 0);
  if (have * MAX_DEFLATE_RATIO + 64 < need) {
    bad(`its ${have} bytes of compressed pixel data cannot hold a ${w}×${h} image (${need} bytes once inflated); the file is truncated.`);
  }
  let raw: Buffer;
  try {
    raw = inflateSync(idat.length === 1 ? idat[0] : Buffer.concat(idat), { maxOutputLength: need });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      bad(`its pixel data inflates to more than the ${need} bytes a ${w}×${h} image needs (a decompression bomb, or a damaged file).`);
    }
    return bad(`its compressed pixel data does not inflate (zlib: ${(e as Error).message}).`);
  }
  if (raw.length < need) bad(`its pixel data inflates to ${raw.length} of the ${need} bytes a ${w}×${h} image needs (truncated).`);
}
