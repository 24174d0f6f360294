// Node-side file access for datasets: reads files (gunzipping .gz) with errors that name the path,
// and locates the four MNIST-style IDX files in a folder.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { imageDatasetFromIdx, type ImageDataset } from '../data/image-dataset.js';
import { checkIdxPair, idxReadLimit, parseIdxImages, parseIdxLabels } from '../data/idx.js';

/** Reads a whole file as bytes; `what` describes it in errors ("MNIST training images"). */
export async function readDataFile(file: string, what = 'data file'): Promise<Uint8Array> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'does not exist' :
      code === 'EISDIR' ? 'is a folder, not a file' :
      code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' :
      `could not be read (${(e as Error).message})`;
    throw new Error(`Cannot read ${what}: ${file} ${why}.`);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Reads a file, gunzipping it when it is gzip-compressed (by magic bytes 1f 8b). `limitOf` reads from the
 * first inflated bytes how many a format can use (null: not known yet): past a size the header declares,
 * inflating stops with an error, so a small .gz cannot expand to gigabytes; past an undeclared limit the
 * bytes so far are returned for the parser to diagnose.
 */
export async function readMaybeGzip(
  file: string,
  what = 'data file',
  limitOf?: (head: Uint8Array) => { bytes: number; declared: boolean } | null,
): Promise<Uint8Array> {
  const bytes = await readDataFile(file, what);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const parts: Buffer[] = [];
  let total = 0;
  let limit: { bytes: number; declared: boolean } | null = null;
  const gunzip = createGunzip();
  gunzip.end(bytes);
  let bomb = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      parts.push(chunk);
      total += chunk.length;
      if (limit === null && limitOf) limit = limitOf(parts.length === 1 ? chunk : Buffer.concat(parts));
      if (limit !== null && total > limit.bytes) {
        bomb = limit.declared;
        break; // ends the stream: nothing more is inflated
      }
    }
  } catch (e) {
    throw new Error(`Cannot read ${what}: ${file} looks gzip-compressed but does not decompress (${(e as Error).message}); re-download it.`);
  }
  if (bomb) {
    throw new Error(`Cannot read ${what}: ${file} inflates to more than the ${limit!.bytes} bytes its header declares (a damaged file or a decompression bomb); re-download it.`);
  }
  const out = Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Candidate names of one IDX file, e.g. train-images-idx3-ubyte, train-images.idx3-ubyte, with or without .gz. */
function idxNames(split: 'train' | 't10k', kind: 'images' | 'labels'): string[] {
  const dims = kind === 'images' ? 'idx3' : 'idx1';
  const stems = [`${split}-${kind}-${dims}-ubyte`, `${split}-${kind}.${dims}-ubyte`];
  return stems.flatMap((s) => [s, `${s}.gz`]);
}

/** Path of an IDX file in `dir` (first existing candidate name), or null when none exists. */
export async function findIdxFile(dir: string, split: 'train' | 't10k', kind: 'images' | 'labels'): Promise<string | null> {
  for (const name of idxNames(split, kind)) {
    const p = path.join(dir, name);
    if (await isFile(p)) return p;
  }
  return null;
}

/** The four IDX file names an image folder must hold (each may also be gzipped). */
export const IDX_FILE_NAMES = [
  'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte',
];

/** Loads one split ('train' or 't10k') of an MNIST-style IDX folder as a labelled ImageDataset; `missingHint` ends the not-found error. */
export async function loadIdxSplit(
  dir: string,
  split: 'train' | 't10k',
  name: string,
  missingHint = `the folder must hold ${IDX_FILE_NAMES.join(', ')} (optionally .gz)`,
): Promise<ImageDataset> {
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo?.isDirectory()) {
    throw new Error(`Cannot find ${name}: the folder ${dir} ${dirInfo ? 'is a file, not a folder' : 'does not exist'}; ${missingHint}.`);
  }
  const found = await Promise.all([findIdxFile(dir, split, 'images'), findIdxFile(dir, split, 'labels')]);
  const [imagesPath, labelsPath] = found;
  if (!imagesPath || !labelsPath) {
    const kind = !imagesPath ? 'images' : 'labels';
    throw new Error(`Cannot find ${name} ${kind}: no ${idxNames(split, kind)[0]}[.gz] in ${dir}; ${missingHint}.`);
  }
  const images = parseIdxImages(await readMaybeGzip(imagesPath, `${name} images`, idxReadLimit), imagesPath);
  const labels = parseIdxLabels(await readMaybeGzip(labelsPath, `${name} labels`, idxReadLimit), labelsPath);
  checkIdxPair(images, labels, `${name} (${imagesPath} and ${labelsPath})`);
  return imageDatasetFromIdx(name, images, labels);
}
