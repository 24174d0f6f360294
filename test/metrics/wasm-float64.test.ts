// The metrics' float64 products on genlab's wasm kernels (wasm/src/dgemm.c, installed on the wasm
// engine) against naive float64 loops: transposes, sizes off the 4×4 block and the 256-deep k-blocks,
// centred Gram matrices exactly symmetric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { wasmFloat64KernelsFor } from '../../src/engine/wasm-kernels/module.js';
import { float64Kernels } from '../../src/engine/float64-kernels.js';
import { useBackend } from '../helpers/engine.js';

function filled(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 0.731) * (1 + (i % 5)));
}

async function kernels() {
  await useBackend('wasm');
  const k = wasmFloat64KernelsFor(tf.engine().registry.wasm);
  assert.ok(k, 'the wasm float64 kernels instantiate');
  return k!;
}

function close(got: Float64Array, want: Float64Array, what: string): void {
  const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-12 * scale, `${what}[${i}]: ${v} vs ${want[i]}`));
}

test('wasm dgemm matches a float64 loop for every transpose, odd sizes and k past one block', async () => {
  const k64 = await kernels();
  for (const [m, n, k] of [[7, 5, 3], [9, 13, 300], [1, 6, 601], [4, 4, 0], [17, 2, 257]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = filled(m * k, 1), b = filled(k * n, 2);
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        want[i * n + j] = s;
      }
      const got = new Float64Array(m * n).fill(NaN);
      k64.gemm(ta, tb, m, n, k, a, b, got);
      close(got, want, `${m}×${n}×${k} ${ta} ${tb}`);
    }
  }
});

test('wasm gramT: Aᵀ·A and the centred (A − 1μᵀ)ᵀ(A − 1μᵀ) match a float64 loop and are exactly symmetric', async () => {
  const k64 = await kernels();
  for (const [n, k] of [[5, 11], [13, 600], [128, 300]]) {
    const a = filled(k * n, 3), mu = filled(n, 4);
    for (const centre of [null, mu]) {
      const want = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < k; r++) s += (a[r * n + i] - (centre?.[i] ?? 0)) * (a[r * n + j] - (centre?.[j] ?? 0));
        want[i * n + j] = s;
      }
      const got = new Float64Array(n * n).fill(NaN);
      k64.gramT(n, k, a, got, centre);
      close(got, want, `n ${n} k ${k} centred ${centre !== null}`);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(got[i * n + j], got[j * n + i]);
    }
  }
});

test('the wasm engine installs them for the metrics (eigenproblems stay in JS)', async () => {
  await kernels();
  const installed = float64Kernels();
  assert.ok(installed && typeof installed.gemm === 'function' && installed.symEig === undefined);
});
