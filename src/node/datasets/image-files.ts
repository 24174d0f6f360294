// Node readers for image folders: walks a folder recursively (sorted, dot-files skipped), decodes PNG
// (pngjs) and JPEG (jpeg-js) by their magic bytes, and names the class sub-folder of each image.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RgbaImage } from '../../io/png.js';
import type { SourceImage } from '../../data/image-folder.js';
import { decodePng, MAX_PNG_PIXELS } from '../png-codec.js';
import { readDataFile } from '../data-files.js';

/** File extensions read as images (case-insensitive). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

const isImage = (f: string) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase());

/** Throws unless `dir` is an existing folder; `what` and `hint` shape the message. */
export async function requireFolder(dir: string, what: string, hint: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`Cannot read ${what}: ${dir} ${info ? 'is a file, not a folder' : 'does not exist'}; ${hint}.`);
}

/** Relative paths (sorted, '/'-separated) of the files under `dir` that pass `keep`, at any depth. */
export async function listFiles(dir: string, keep: (file: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (keep(e.name)) out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

/** Width and height from a JPEG's first SOF segment (ITU T.81 §B.2.2), or null when none is found. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let o = 2;
  while (o + 9 <= b.length && b[o] === 0xff) {
    const m = b[o + 1];
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { o += 2; continue; } // markers without a length
    if (m === 0xda || m === 0xd9) return null; // scan data (or the end) before any frame header
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { height: (b[o + 5] << 8) | b[o + 6], width: (b[o + 7] << 8) | b[o + 8] };
    o += 2 + ((b[o + 2] << 8) | b[o + 3]);
  }
  return null;
}

/** Decodes PNG or JPEG bytes (chosen by magic bytes, not extension) to 8-bit RGBA. */
export async function decodeImage(bytes: Uint8Array, source: string): Promise<RgbaImage> {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePng(bytes, source);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    if (!size) throw new Error(`${source} is a corrupt JPEG: no frame header (SOF marker) before the image data; the file is truncated or damaged.`);
    const { width: w, height: h } = size;
    if (w < 1 || h < 1) throw new Error(`${source} is a corrupt JPEG: its frame header says ${w}×${h} pixels.`);
    if (w * h > MAX_PNG_PIXELS) {
      throw new Error(`${source} is ${w}×${h} pixels (${((w * h) / 1e6).toFixed(0)} megapixels); genlab decodes images of at most ${MAX_PNG_PIXELS / 2 ** 20} megapixels — resize it first.`);
    }
    // an 8×8 block costs at least one bit (T.81 Huffman codes), so a JPEG holds ≤ 512 pixels a byte
    if (w * h > 1024 * bytes.length + 2 ** 16) {
      throw new Error(`${source} is a corrupt JPEG: its ${bytes.length} bytes cannot hold the ${w}×${h} pixels its frame header says (truncated, or a damaged header).`);
    }
    const jpeg = await import('jpeg-js'); // loaded only when a JPEG is met
    let img: { width: number; height: number; data: Uint8Array };
    try {
      img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    } catch (e) {
      // jpeg-js's own errors name the damage; a TypeError/RangeError from inside it says nothing to a user
      const why = e instanceof Error && e.constructor === Error ? e.message : 'its compressed data is damaged (the decoder could not read it)';
      throw new Error(`${source} is a corrupt JPEG: ${why}.`);
    }
    if (img.width !== w || img.height !== h || img.data.length !== w * h * 4) throw new Error(`${source} is a corrupt JPEG: it decodes to ${img.width}×${img.height}, not the ${w}×${h} its frame header says.`);
    return { width: w, height: h, rgba: img.data };
  }
  throw new Error(`${source} is neither a PNG nor a JPEG file (its first bytes are not a PNG or JPEG signature).`);
}

/** Whether `name` has an image extension. */
export const isImageFile = isImage;

/**
 * Reads every PNG/JPEG under `dir` (recursively). With `labels` (default), an image's class is the
 * name of the top-level sub-folder it lies in; images directly in `dir` have none.
 */
export async function readImageFolder(dir: string, opts: { what: string; hint: string; labels?: boolean }): Promise<SourceImage[]> {
  await requireFolder(dir, opts.what, opts.hint);
  const files = await listFiles(dir, isImage);
  if (files.length === 0) throw new Error(`Cannot read ${opts.what}: ${dir} holds no .png, .jpg or .jpeg files (at any depth); ${opts.hint}.`);
  const out: SourceImage[] = [];
  for (const rel of files) {
    const file = path.join(dir, rel);
    const image = await decodeImage(await readDataFile(file, 'image'), file);
    const slash = rel.indexOf('/');
    out.push({ source: file, image, className: opts.labels !== false && slash > 0 ? rel.slice(0, slash) : undefined });
  }
  return out;
}

/** True when `dir` is a folder holding at least one PNG/JPEG (at any depth). */
export async function holdsImages(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return false;
  return (await listFiles(dir, isImage)).length > 0;
}
