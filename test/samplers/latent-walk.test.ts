// Latent walks (src/samplers/latent-walk.ts) on hand-checked cases: slerp of orthogonal vectors traces the
// circle arc (Shoemake 1985), parallel and antiparallel pairs fall back to lerp, a zero vector is safe.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { interpolateLatents, slerpVectors } from '../../src/samplers/latent-walk.js';
import { useBackend } from '../helpers/engine.js';

before(async () => {
  await useBackend('cpu');
});

const f32 = (v: number[]) => new Float32Array(v);
function close(got: ArrayLike<number>, want: number[]) {
  assert.equal(got.length, want.length);
  for (let j = 0; j < want.length; j++) assert.ok(Math.abs(got[j] - want[j]) < 1e-6, `element ${j}: ${got[j]} vs ${want[j]}`);
}

test('slerp between orthogonal vectors follows the arc: weights sin((1−t)ω)/sin ω and sin(tω)/sin ω', () => {
  close(slerpVectors(f32([1, 0]), f32([0, 1]), 1 / 3), [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)]);
  // unequal norms, ω = π/2: [2·sin((1−t)π/2), 3·sin(tπ/2)]
  close(slerpVectors(f32([2, 0, 0]), f32([0, 3, 0]), 0.25), [2 * Math.sin(0.375 * Math.PI), 3 * Math.sin(0.125 * Math.PI), 0]);
  // ω = π/3 (60°): t = 0.5 gives weights sin(π/6)/sin(π/3) each
  const w = Math.sin(Math.PI / 6) / Math.sin(Math.PI / 3);
  close(slerpVectors(f32([1, 0]), f32([0.5, Math.sqrt(3) / 2]), 0.5), [w * 1.5, (w * Math.sqrt(3)) / 2]);
  // non-unit norms at ω = π/4 (|a| = 2, |b| = √2, a·b = 2): cos must be a·b/(|a||b|), weights sin(π/8)/sin(π/4)
  const q = Math.sin(Math.PI / 8) / Math.sin(Math.PI / 4);
  close(slerpVectors(f32([2, 0]), f32([1, 1]), 0.5), [3 * q, q]);
});

test('parallel, antiparallel and zero vectors', () => {
  close(slerpVectors(f32([1, 2]), f32([2, 4]), 0.25), [1.25, 2.5]);
  close(slerpVectors(f32([1, 0]), f32([-1, 0]), 0.25), [0.5, 0]);
  // float32 rounding makes cos = 1.0000000000000002 here: unclamped, acos would give NaN
  close(slerpVectors(f32([0.1, 3.5]), f32([0.3, 10.5]), 0.5), [0.2, 7]);
  // |a| = 0: the norm guard keeps cos = 0, so ω = π/2 and the output is sin(tπ/2)·b
  close(slerpVectors(f32([0, 0]), f32([0, 2]), 0.5), [0, 2 * Math.SQRT1_2]);
});

test('interpolateLatents: steps evenly spaced codes per pair, row-major by pair', () => {
  const from = tf.tensor2d([[0, 0], [1, 0]]);
  const to = tf.tensor2d([[3, 6], [0, 1]]);
  const lerp = interpolateLatents(from, to, 3);
  assert.deepEqual(lerp.shape, [6, 2]);
  close(lerp.dataSync(), [0, 0, 1.5, 3, 3, 6, 1, 0, 0.5, 0.5, 0, 1]);
  const slerp = interpolateLatents(from, to, 3, 'slerp');
  const h = Math.SQRT1_2;
  // pair 0 starts at the zero vector (ω = π/2 by the guard); pair 1 is a quarter circle
  close(slerp.dataSync(), [0, 0, 3 * h, 6 * h, 3, 6, 1, 0, h, h, 0, 1]);
  const two = interpolateLatents(from, to, 2);
  close(two.dataSync(), [0, 0, 3, 6, 1, 0, 0, 1]);
  assert.throws(() => interpolateLatents(from, to, 1), /^Error: Interpolation needs at least 2 steps, got 1\.$/);
  tf.dispose([from, to, lerp, slerp, two]);
});
