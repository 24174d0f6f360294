// Fast seeded standard normals for DP-SGD's noise (one draw per parameter per step): the ziggurat of
// Marsaglia & Tsang 2000 (128 layers), with the layer index taken from its own draw (Doornik 2005's fix).
import { tf } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

const LAYERS = 128;
const R = 3.442619855899; // start of the tail
const V = 9.91256303526217e-3; // area of each layer
const M = 2147483648; // 2^31

// kn: |int32| thresholds below which a draw is inside its layer's rectangle; wn: int32 → x scale; fn: density at the layer edges
const kn = new Uint32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M);
  kn[1] = 0;
  wn[0] = q / M;
  wn[LAYERS - 1] = dn / M;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
}

// uniform in (0, 1) from one 32-bit draw
const uni = (rng: Rng) => (rng.nextUint32() + 0.5) / 4294967296;

/** One standard normal draw from `rng` (about three times faster than Box–Muller's log/sqrt/sin/cos). */
export function zigguratNormal(rng: Rng): number {
  for (;;) {
    const iz = rng.nextUint32() & (LAYERS - 1);
    const hz = rng.nextUint32() | 0; // signed 32-bit
    const x = hz * wn[iz];
    if (Math.abs(hz) < kn[iz]) return x; // inside the rectangle: ~98.8 % of draws
    if (iz === 0) {
      // the tail beyond R (Marsaglia 1964)
      let t: number;
      let y: number;
      do {
        t = -Math.log(uni(rng)) / R;
        y = -Math.log(uni(rng));
      } while (y + y < t * t);
      return hz > 0 ? R + t : -R - t;
    }
    // the wedge between the rectangle and the density
    if (fn[iz] + uni(rng) * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
  }
}

/** A tensor of standard normals from `rng` (ziggurat). */
export function normalTensorFast(rng: Rng, shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = zigguratNormal(rng);
  return tf.tensor(out, shape);
}
