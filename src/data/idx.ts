// Parser for the IDX format of LeCun et al.'s MNIST distribution (also used by Fashion-MNIST):
// a big-endian header (magic, dimension sizes) followed by raw unsigned bytes.

/** Magic number of an IDX file of unsigned-byte images (3 dimensions: count, rows, cols). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned-byte labels (1 dimension: count). */
export const IDX_LABELS_MAGIC = 0x00000801;

/** Images parsed from an IDX file; `data` is row-major [count, rows, cols] uint8. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  data: Uint8Array;
}

/** Labels parsed from an IDX file; `data` holds one uint8 label per example. */
export interface IdxLabels {
  count: number;
  data: Uint8Array;
}

const hex = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');
const MAGIC_HINT = `expected ${hex(IDX_IMAGES_MAGIC)} for images or ${hex(IDX_LABELS_MAGIC)} for labels`;

function header(bytes: Uint8Array, source: string, expected: number, dims: number): number[] {
  if (bytes.length === 0) {
    throw new Error(`${source} is empty (0 bytes); expected an IDX file (${MAGIC_HINT}).`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new Error(`${source} is gzip-compressed; decompress it first (gunzip), or give the Node loader the .gz path.`);
  }
  const headerBytes = 4 + 4 * dims;
  if (bytes.length < 4) {
    throw new Error(`${source} is not an IDX file: only ${bytes.length} bytes, too short for the 4-byte magic (${MAGIC_HINT}).`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expected) {
    const what = expected === IDX_IMAGES_MAGIC ? 'an images' : 'a labels';
    const other =
      magic === IDX_IMAGES_MAGIC ? ' (that is an images file)' : magic === IDX_LABELS_MAGIC ? ' (that is a labels file)' : '';
    const want = magic === IDX_IMAGES_MAGIC || magic === IDX_LABELS_MAGIC ? `expected ${hex(expected)}` : MAGIC_HINT;
    throw new Error(`${source} is not ${what} IDX file: magic ${hex(magic)}${other} (${want}).`);
  }
  if (bytes.length < headerBytes) {
    throw new Error(`${source} is truncated: ${bytes.length} bytes, but an IDX header with ${dims} dimension(s) needs ${headerBytes}.`);
  }
  const sizes: number[] = [];
  for (let d = 0; d < dims; d++) sizes.push(view.getUint32(4 + 4 * d, false));
  const body = sizes.reduce((a, b) => a * b, 1);
  const have = bytes.length - headerBytes;
  if (have < body) {
    throw new Error(
      `${source} is truncated: its header says ${sizes.join(' × ')} = ${body} bytes of data, but only ${have} follow the header ` +
        `(re-download or re-extract the file).`,
    );
  }
  if (have > body) {
    throw new Error(
      `${source} has ${have - body} unexpected trailing bytes after the ${sizes.join(' × ')} values its header declares; ` +
        `the file is corrupt or not an IDX file.`,
    );
  }
  return sizes;
}

/**
 * How many bytes of an IDX file to inflate, read from its first bytes: the total (header + data) an
 * unsigned-byte header declares, or, for any other start, the 16 bytes the parser needs to name the wrong
 * magic; null while fewer bytes than the header are given.
 */
export function idxReadLimit(head: Uint8Array): { bytes: number; declared: boolean } | null {
  if (head.length < 4) return null;
  if (head[0] !== 0 || head[1] !== 0 || head[2] !== 0x08) return { bytes: 16, declared: false };
  const dims = head[3];
  if (head.length < 4 + 4 * dims) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let n = 1;
  for (let d = 0; d < dims; d++) n *= view.getUint32(4 + 4 * d, false);
  return { bytes: 4 + 4 * dims + n, declared: true };
}

/** Parses an IDX images file (magic 0x00000803); the returned data is a view into `bytes`. */
export function parseIdxImages(bytes: Uint8Array, source = 'IDX images buffer'): IdxImages {
  const [count, rows, cols] = header(bytes, source, IDX_IMAGES_MAGIC, 3);
  if (rows === 0 || cols === 0) throw new Error(`${source} declares images of ${rows} × ${cols} pixels; both must be positive.`);
  if (count === 0) throw new Error(`${source} declares 0 images; a dataset split needs at least one.`);
  return { count, rows, cols, data: bytes.subarray(16, 16 + count * rows * cols) };
}

/** Parses an IDX labels file (magic 0x00000801); the returned data is a view into `bytes`. */
export function parseIdxLabels(bytes: Uint8Array, source = 'IDX labels buffer'): IdxLabels {
  const [count] = header(bytes, source, IDX_LABELS_MAGIC, 1);
  if (count === 0) throw new Error(`${source} declares 0 labels; a dataset split needs at least one.`);
  return { count, data: bytes.subarray(8, 8 + count) };
}

/** Throws unless an images file and a labels file describe the same number of examples. */
export function checkIdxPair(images: IdxImages, labels: IdxLabels, source = 'IDX pair'): void {
  if (images.count !== labels.count) {
    throw new Error(
      `${source}: the images file holds ${images.count} images but the labels file holds ${labels.count} labels; ` +
        `they must match (are the train and test files mixed up?).`,
    );
  }
}
