// Accuracy of the libm functions genlab's wasm kernels carry (wasm/include/math.h: Cephes-style exp,
// log, tanh, erf and log1p written for SIMD), measured in float32 ulps against float64 references over
// dense grids, and their special values against stock tfjs-wasm's kernels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor } from '../../src/engine/tf.js';
import { useBackend } from '../helpers/engine.js';

/** erf in float64: its Maclaurin series (error < 1e-11 for |x| ≤ 4); ±1 beyond, where erfc < ½ ulp of 1. */
function erf64(x: number): number {
  if (Math.abs(x) > 4) return Math.sign(x);
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return (sum * 2) / Math.sqrt(Math.PI);
}

/** The float32 ulp at v (the subnormal spacing below the smallest normal). */
function ulp32(v: number): number {
  const a = Math.abs(Math.fround(v));
  return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

const softplus64 = (x: number) => (x > 13.942385 ? x : x < -13.942385 ? Math.exp(x) : Math.log1p(Math.exp(x)));

// Bounds sit just above the measured worst cases (the README quotes them): exp 0.949, log 0.750,
// tanh 1.204, erf 1.916, softplus 2.506 ulps; the kernels are deterministic, so no slack is needed.
const CASES: Array<[string, (t: Tensor) => Tensor, (x: number) => number, number[], number]> = [
  ['exp', tf.exp, Math.exp, grid(-103, 88.7, 100001), 0.95],
  ['log', tf.log, Math.log, [...grid(1e-3, 10, 50000), ...grid(10, 1e6, 20000), ...grid(-149, 127, 2000).map((e) => 2 ** e)], 0.75],
  ['tanh', tf.tanh, Math.tanh, grid(-12, 12, 100001), 1.21],
  ['erf', tf.erf, erf64, grid(-6, 6, 100001), 1.92],
  ['softplus', tf.softplus, softplus64, grid(-30, 30, 100001), 2.51],
];

for (const [name, f, reference, xs, maxUlps] of CASES) {
  test(`wasm ${name} is within ${maxUlps} float32 ulps of float64 over ${xs.length} points`, async () => {
    await useBackend('wasm');
    const input = Float32Array.from(xs);
    const y = tf.tidy(() => f(tf.tensor1d(input)).dataSync());
    let worst = 0, at = 0;
    input.forEach((x, i) => {
      const want = reference(x);
      const err = Math.abs(y[i] - want) / ulp32(want);
      if (err > worst) [worst, at] = [err, x];
    });
    assert.ok(worst <= maxUlps, `${name}: ${worst.toFixed(2)} ulps at ${at}`);
  });
}

test('wasm exp, log, tanh, erf and softplus give stock tfjs-wasm\'s special values (NaN, ±∞, ±0, subnormal, ±3e38)', async () => {
  await useBackend('wasm');
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 3e38, -3e38];
  for (const [name, f] of [['exp', tf.exp], ['log', tf.log], ['tanh', tf.tanh], ['erf', tf.erf], ['softplus', tf.softplus]] as const) {
    const run = () => Array.from(tf.tidy(() => (f as (t: Tensor) => Tensor)(tf.tensor1d(specials)).dataSync()));
    const ours = run();
    process.env.GENLAB_WASM_KERNELS = 'off';
    try {
      assert.deepEqual(ours.map((v) => Object.is(v, -0) ? '-0' : v), run().map((v) => Object.is(v, -0) ? '-0' : v), name);
    } finally {
      delete process.env.GENLAB_WASM_KERNELS;
    }
  }
});
