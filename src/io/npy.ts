// NumPy .npy reader and writer on byte arrays (no file system, so it runs in the browser too),
// following NumPy's format spec (numpy/lib/format.py): versions 1.0–3.0, little-endian, C order.

/** Element types genlab reads and writes (little-endian; NumPy spells bytes '|u1'). */
export type NpyDtype = '<f4' | '<f8' | '<i4' | '<i8' | '|u1';

/** A decoded .npy array: C-order data and its shape. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ITEM: Record<NpyDtype, number> = { '<f4': 4, '<f8': 8, '<i4': 4, '<i8': 8, '|u1': 1 };
const SUPPORTED = Object.keys(ITEM).join(', ');

function fail(msg: string): never {
  throw new Error(`.npy: ${msg}`);
}

type HeaderValue = string | boolean | number[];

/**
 * Parses the header: a Python dict literal with exactly the keys descr (a string), fortran_order (True or
 * False) and shape (a tuple of non-negative integers), as numpy.lib.format.read_array_header checks.
 */
function parseHeader(text: string): { descr: string; fortran: boolean; shape: number[] } {
  const shown = JSON.stringify(text.trim().slice(0, 120));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const bad = (what: string): never => fail(`malformed header ${shown}: ${what} at character ${i}.`);
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) bad(`expected '${c}'`);
    i++;
  };
  const str = (): string => {
    const q = text[i];
    if (q !== "'" && q !== '"') bad('expected a quoted string');
    const close = text.indexOf(q, i + 1);
    if (close < 0) bad('unclosed string');
    const v = text.slice(i + 1, close);
    i = close + 1;
    return v;
  };
  const value = (): HeaderValue => {
    ws();
    if (text[i] === '[') fail('structured (record) dtypes are not supported; save a plain numeric array.');
    if (text[i] === "'" || text[i] === '"') return str();
    for (const [word, v] of [['True', true], ['False', false]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (text[i] !== '(') bad('expected a string, True/False or a shape tuple');
    i++;
    const dims: number[] = [];
    let comma = false;
    for (;;) {
      ws();
      if (text[i] === ')') break;
      const m = /^(\d+)L?/.exec(text.slice(i, i + 40));
      if (!m) bad(`shape entries must be non-negative integers, got ${JSON.stringify(text.slice(i, i + 12))}`);
      dims.push(Number(m![1]));
      i += m![0].length;
      ws();
      comma = text[i] === ',';
      if (comma) i++;
      else if (text[i] !== ')') bad("expected ',' or ')' in the shape tuple");
    }
    i++;
    if (dims.length === 1 && !comma) bad(`(${dims[0]}) is a number, not a tuple; a 1-D shape is written (${dims[0]},)`);
    return dims;
  };
  const dict = new Map<string, HeaderValue>();
  expect('{');
  for (;;) {
    ws();
    if (text[i] === '}') break;
    const k = str();
    if (dict.has(k)) bad(`key '${k}' appears twice`);
    expect(':');
    dict.set(k, value());
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') bad("expected ',' or '}'");
  }
  i++;
  ws();
  if (i < text.length) bad('unexpected text after the closing brace');
  const keys = [...dict.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape') fail(`header ${shown} has keys {${keys}}; a .npy header holds exactly descr, fortran_order and shape.`);
  const descr = dict.get('descr'), fortran = dict.get('fortran_order'), shape = dict.get('shape');
  if (typeof descr !== 'string') fail(`header ${shown}: descr must be a dtype string such as '<f4'.`);
  if (typeof fortran !== 'boolean') fail(`header ${shown}: fortran_order must be True or False.`);
  if (!Array.isArray(shape)) fail(`header ${shown}: shape must be a tuple of integers such as (100, 64).`);
  return { descr, fortran, shape };
}

function checkDtype(descr: string): NpyDtype {
  if (descr in ITEM) return descr as NpyDtype;
  if (/^[|<>=]?O/.test(descr)) {
    fail(`object dtype ('${descr}') holds pickled Python objects and cannot be read; save a numeric array (e.g. x.astype('float32')).`);
  }
  if (descr.startsWith('>')) {
    fail(`big-endian dtype '${descr}' is not supported; convert with x.astype('<${descr.slice(1)}').`);
  }
  if (descr === '<u1' || descr === '=u1') return '|u1';
  return fail(`unsupported dtype '${descr}'; supported: ${SUPPORTED}.`);
}

/** Parses .npy bytes; `rank` (e.g. 2 for an [N, d] feature matrix) makes other ranks an error. */
export function parseNpy(bytes: Uint8Array, opts: { rank?: number } = {}): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail('not a NumPy .npy file (bad magic; expected the bytes \\x93NUMPY at the start).');
  }
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`unsupported format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) fail('truncated file: the header length is cut off.');
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes + hlen;
  if (bytes.length < start) fail(`truncated file: header says ${hlen} header bytes but the file has ${bytes.length} bytes in all.`);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lenBytes, start));
  const header = parseHeader(text);
  const dtype = checkDtype(header.descr);
  const shapeText = `(${header.shape.join(', ')})`;
  if (header.fortran && header.shape.filter((s) => s > 1).length > 1) {
    fail(`Fortran-order (column-major) arrays are not supported; save np.ascontiguousarray(x) instead.`);
  }
  if (opts.rank !== undefined && header.shape.length !== opts.rank) {
    const hint = opts.rank === 2 ? ' [N, d]: one row of features per sample (reshape with x.reshape(len(x), -1))' : '';
    fail(`expected a ${opts.rank}-D array${hint}, got shape ${shapeText}.`);
  }
  const size = ITEM[dtype];
  // BigInt: a shape such as (2**40, 2**40) must be measured exactly, not as a rounded float
  const needBig = header.shape.reduce((a, b) => a * BigInt(b), BigInt(size));
  const have = bytes.length - start;
  if (needBig > BigInt(have)) {
    fail(`truncated file: shape ${shapeText} of '${dtype}' needs ${needBig} data bytes but only ${have} are present.`);
  }
  const need = Number(needBig);
  const count = need / size;
  if (have > need) {
    fail(`${have - need} unexpected bytes after the array data (several arrays saved into one file?).`);
  }
  return { dtype, shape: header.shape, data: readData(view, start, count, dtype) };
}

function readData(view: DataView, off: number, count: number, dtype: NpyDtype): NpyArray['data'] {
  switch (dtype) {
    case '<f8': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(off + 8 * i, true);
      return out;
    }
    case '<f4': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(off + 4 * i, true);
      return out;
    }
    case '<i4': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(off + 4 * i, true);
      return out;
    }
    case '<i8': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getBigInt64(off + 8 * i, true);
      return out;
    }
    case '|u1':
      return new Uint8Array(view.buffer.slice(view.byteOffset + off, view.byteOffset + off + count));
  }
}

/** Float64 copy of an array's data (int64 values beyond ±2⁵³ are an error, not rounded). */
export function npyToFloat64(arr: NpyArray): Float64Array {
  if (arr.data instanceof BigInt64Array) {
    const out = new Float64Array(arr.data.length);
    for (let i = 0; i < out.length; i++) {
      const v = arr.data[i];
      if (v > 9007199254740992n || v < -9007199254740992n) fail(`int64 value ${v} at flat index ${i} is not exactly representable as float64.`);
      out[i] = Number(v);
    }
    return out;
  }
  return Float64Array.from(arr.data);
}

function dtypeOf(data: NpyArray['data']): NpyDtype {
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof BigInt64Array) return '<i8';
  return '|u1';
}

/** Encodes a C-order array as .npy bytes (format 1.0, header padded to 64 bytes like NumPy). */
export function writeNpy(data: NpyArray['data'], shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) fail(`shape (${shape.join(', ')}) holds ${count} values but data has ${data.length}.`);
  const dtype = dtypeOf(data);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  if (header.length > 65535) fail('header too long for format 1.0.');
  const out = new Uint8Array(total + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const src = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;
  if (le || data instanceof Uint8Array) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  } else {
    const size = ITEM[dtype];
    for (let i = 0; i < data.length * size; i += size) {
      for (let b = 0; b < size; b++) out[total + i + b] = src.getUint8(i + size - 1 - b);
    }
  }
  return out;
}
