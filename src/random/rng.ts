// Seeded random numbers: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32, so that
// every stochastic path in genlab is reproducible from one integer and resumable from `state()`.
import { tf } from '../engine/tf.js';

/** Serializable generator state (saved in checkpoints). */
export interface RngState {
  s: [number, number, number, number];
  spare: number | null;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

function hashString(s: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A seeded pseudo-random generator; the only source of randomness in genlab. */
export class Rng {
  private s: Uint32Array;
  private spare: number | null = null;

  constructor(seed: number | RngState) {
    this.s = new Uint32Array(4);
    if (typeof seed === 'number') {
      if (!Number.isFinite(seed)) throw new Error(`Rng seed must be a finite number, got ${seed}.`);
      const next = splitmix32(Math.trunc(seed) | 0);
      for (let i = 0; i < 4; i++) this.s[i] = next();
    } else {
      // a state read back from a file: anything but four u32 words (not all zero) would run silently wrong
      const words = seed?.s;
      if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) || words.every((w) => w === 0)) {
        throw new Error(`Invalid Rng state ${JSON.stringify(seed)}: expected { s: four 32-bit unsigned integers, not all zero, spare: number | null }.`);
      }
      if (seed.spare !== null && !Number.isFinite(seed.spare)) throw new Error(`Invalid Rng state: spare must be a finite number or null, got ${JSON.stringify(seed.spare)}.`);
      this.s.set(words);
      this.spare = seed.spare;
    }
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return result;
  }

  /** Uniform float in [0, 1) with 53 bits of precision. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal draw (Box–Muller; the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!(n >= 1)) throw new Error(`Rng.int needs n >= 1, got ${n}.`);
    return Math.floor(this.uniform() * n);
  }

  /** A fresh non-zero 31-bit seed for tfjs ops (tfjs treats seed 0 as "unseeded"). */
  nextSeed(): number {
    let s = 0;
    while (s === 0) s = this.nextUint32() >>> 1;
    return s;
  }

  /** An independent child generator, stable for a given label and parent state. */
  fork(label: string): Rng {
    const a = this.nextUint32();
    return new Rng((a ^ hashString(label)) | 0);
  }

  /** In-place Fisher–Yates permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Fills a Float32Array with standard normals. */
  normalArray(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Fills a Float32Array with uniforms in [lo, hi). */
  uniformArray(n: number, lo = 0, hi = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }

  /** A tensor of standard normals drawn from this generator (same on every backend). */
  normalTensor(shape: number[]): tf.Tensor {
    return tf.tensor(this.normalArray(shape.reduce((a, b) => a * b, 1)), shape);
  }

  /** A tensor of uniforms in [lo, hi) drawn from this generator. */
  uniformTensor(shape: number[], lo = 0, hi = 1): tf.Tensor {
    return tf.tensor(this.uniformArray(shape.reduce((a, b) => a * b, 1), lo, hi), shape);
  }

  /** Snapshot for checkpoints. */
  state(): RngState {
    return { s: [this.s[0], this.s[1], this.s[2], this.s[3]], spare: this.spare };
  }
}
