// .npy reader/writer against files written by NumPy (make_fixtures.py), plus its error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { npyToFloat64, parseNpy, writeNpy } from '../../src/io/npy.js';
import { fixturePath } from './helpers.js';

const read = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));
const small = Float64Array.from({ length: 12 }, (_, i) => i / 8);

test('reads float64, float32, int64, uint8 and format-2.0 files written by NumPy', () => {
  for (const [file, dtype] of [['npy_f8.npy', '<f8'], ['npy_f4.npy', '<f4'], ['npy_v2.npy', '<f8']] as const) {
    const a = parseNpy(read(file), { rank: 2 });
    assert.equal(a.dtype, dtype);
    assert.deepEqual(a.shape, [3, 4]);
    assert.deepEqual(Array.from(npyToFloat64(a)), Array.from(small));
  }
  const i8 = parseNpy(read('npy_i8.npy'));
  assert.equal(i8.dtype, '<i8');
  assert.deepEqual(Array.from(npyToFloat64(i8)), Array.from({ length: 12 }, (_, i) => i - 5));
  const u1 = parseNpy(read('npy_u1.npy'));
  assert.deepEqual([u1.dtype, Array.from(u1.data as Uint8Array)], ['|u1', Array.from({ length: 12 }, (_, i) => i)]);
  assert.deepEqual(parseNpy(read('npy_rank1.npy')).shape, [5]);
});

test('writeNpy produces the same bytes as numpy.save and round-trips every dtype', () => {
  assert.deepEqual(writeNpy(small, [3, 4]), read('npy_f8.npy'));
  const arrays = [Float32Array.from(small), Int32Array.from([1, -2, 3]), BigInt64Array.from([5n, -6n]), Uint8Array.from([0, 255])];
  for (const data of arrays) {
    const back = parseNpy(writeNpy(data, [data.length]));
    assert.deepEqual(back.shape, [data.length]);
    assert.deepEqual(Array.from(back.data as ArrayLike<number | bigint>), Array.from(data as ArrayLike<number | bigint>));
  }
  assert.throws(() => writeNpy(small, [5, 4]), /holds 20 values but data has 12/);
});

test('clear errors for Fortran order, object dtype, big-endian, wrong rank, truncation and bad magic', () => {
  assert.throws(() => parseNpy(read('npy_fortran.npy')), /Fortran-order .* np\.ascontiguousarray/);
  assert.throws(() => parseNpy(read('npy_object.npy')), /object dtype .* pickled/);
  assert.throws(() => parseNpy(read('npy_bigendian.npy')), /big-endian dtype '>f8'.*astype\('<f8'\)/);
  assert.throws(() => parseNpy(read('npy_rank3.npy'), { rank: 2 }), /expected a 2-D array \[N, d\].*got shape \(2, 3, 2\)/);
  assert.throws(() => parseNpy(read('npy_rank1.npy'), { rank: 2 }), /got shape \(5\)/);
  const f8 = read('npy_f8.npy');
  assert.throws(() => parseNpy(f8.subarray(0, f8.length - 8)), /truncated file: shape \(3, 4\) of '<f8' needs 96 data bytes but only 88/);
  assert.throws(() => parseNpy(f8.subarray(0, 40)), /truncated file/);
  assert.throws(() => parseNpy(new Uint8Array([...f8, 0, 0])), /2 unexpected bytes after the array data/);
  assert.throws(() => parseNpy(new TextEncoder().encode('a,b,c\n1,2,3\n')), /bad magic/);
  assert.throws(() => parseNpy(new Uint8Array(0)), /bad magic/);
});

test('unsupported dtypes name the supported ones', () => {
  const bytes = writeNpy(Float32Array.from([1, 2]), [2]);
  const text = new TextDecoder('latin1').decode(bytes).replace("'<f4'", "'<c8'");
  assert.throws(() => parseNpy(Uint8Array.from(text, (c) => c.charCodeAt(0))), /unsupported dtype '<c8'; supported: <f4, <f8, <i4, <i8, \|u1/);
});
