// Test helper: builds small IDX files (optionally gzipped) in a fresh temp folder.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../helpers/tmp.js';

/** IDX images bytes for `count` images of rows × cols with pixel (n, i) = (n * 7 + i) mod 256. */
export function idxImages(count: number, rows: number, cols: number, magic = 0x803): Uint8Array {
  const out = new Uint8Array(16 + count * rows * cols);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic);
  v.setUint32(4, count);
  v.setUint32(8, rows);
  v.setUint32(12, cols);
  for (let k = 0; k < count * rows * cols; k++) out[16 + k] = (Math.floor(k / (rows * cols)) * 7 + k) % 256;
  return out;
}

/** IDX labels bytes holding `labels`. */
export function idxLabels(labels: number[], magic = 0x801): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic);
  v.setUint32(4, labels.length);
  out.set(labels, 8);
  return out;
}

/** A temp folder holding the four MNIST-style IDX files (gzipped when `gz`), with optional overrides by file name. */
export function idxFolder(opts: { gz?: boolean; files?: Record<string, Uint8Array> } = {}): string {
  const dir = tempDir('genlab-idx-');
  const files: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte': idxImages(6, 4, 3),
    'train-labels-idx1-ubyte': idxLabels([0, 1, 2, 0, 1, 2]),
    't10k-images-idx3-ubyte': idxImages(2, 4, 3),
    't10k-labels-idx1-ubyte': idxLabels([2, 1]),
    ...opts.files,
  };
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(path.join(dir, opts.gz ? `${name}.gz` : name), opts.gz ? gzipSync(bytes) : bytes);
  }
  return dir;
}
