// Float64 Gram tiles C = A[i0:i0+ni] · B[j0:j0+nj]ᵀ for the metrics: a WebAssembly SIMD kernel
// (f64x2, 4×2 register blocking, generated below) and a plain-JS fallback summing in the same order.

// Both kernels split every dot product into an even-k and an odd-k partial sum (the two f64x2
// lanes) and add them at the end, so wasm and JS results are bitwise identical.
const RI = 4; // rows of A per micro-tile
const RJ = 2; // rows of B per micro-tile

/** Rounds n up to a multiple of m. */
export function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

// ---- a minimal WebAssembly encoder for the one kernel we need --------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const I32 = 0x7f;
const V128 = 0x7b;

/**
 * Module bytes exporting gram(a, b, c, n, m, ldc) for rows of `dp` doubles (dp even): byte pointers
 * a [n, dp], b [m, dp], c [n, ldc]; n % 4 = 0, m % 2 = 0. Row stride is baked into load offsets.
 */
export function gramModuleBytes(dp: number): Uint8Array<ArrayBuffer> {
  const rb = dp * 8; // bytes per row
  const [a, b, c, n, m, ldc] = [0, 1, 2, 3, 4, 5];
  const [i, j, k, pa, pb, pc, cb] = [6, 7, 8, 9, 10, 11, 12];
  const acc = 13; // RI*RJ v128 accumulators, then RI x-rows, then RJ y-rows
  const x = acc + RI * RJ;
  const y = x + RI;
  const nV128 = RI * RJ + RI + RJ;
  const code: number[] = [];
  const e = (...bytes: number[]) => code.push(...bytes);
  const get = (l: number) => e(0x20, ...uleb(l));
  const set = (l: number) => e(0x21, ...uleb(l));
  const tee = (l: number) => e(0x22, ...uleb(l));
  const i32 = (v: number) => e(0x41, ...sleb(v));
  const simd = (op: number, ...imm: number[]) => e(0xfd, ...uleb(op), ...imm);
  const [ADD, MUL, LT_S, LT_U, BR_IF, LOOP, END] = [0x6a, 0x6c, 0x48, 0x49, 0x0d, 0x03, 0x0b];

  get(ldc), i32(8), e(MUL), set(cb); // cb = ldc * 8
  i32(0), set(i);
  e(LOOP, 0x40); // for i in 0..n step RI
  i32(0), set(j);
  e(LOOP, 0x40); // for j in 0..m step RJ
  get(a), get(i), i32(rb), e(MUL), e(ADD), set(pa);
  get(b), get(j), i32(rb), e(MUL), e(ADD), set(pb);
  for (let t = 0; t < RI * RJ; t++) simd(0x0c, ...new Array(16).fill(0)), set(acc + t); // v128.const 0
  i32(0), set(k);
  e(LOOP, 0x40); // for k in 0..rb step 16 bytes (two doubles)
  for (let r = 0; r < RI; r++) get(pa), get(k), e(ADD), simd(0x00, 3, ...uleb(r * rb)), set(x + r); // v128.load
  for (let s = 0; s < RJ; s++) get(pb), get(k), e(ADD), simd(0x00, 3, ...uleb(s * rb)), set(y + s);
  for (let r = 0; r < RI; r++) {
    for (let s = 0; s < RJ; s++) {
      const t = acc + r * RJ + s;
      get(t), get(x + r), get(y + s), simd(0xf2, 0x01), simd(0xf0, 0x01), set(t); // acc += x*y (f64x2)
    }
  }
  get(k), i32(16), e(ADD), tee(k), i32(rb), e(LT_U), e(BR_IF, 0);
  e(END);
  get(c), get(i), get(cb), e(MUL), e(ADD), get(j), i32(8), e(MUL), e(ADD), set(pc);
  for (let r = 0; r < RI; r++) {
    for (let s = 0; s < RJ; s++) {
      const t = acc + r * RJ + s;
      get(pc), get(t), simd(0x21, 0), get(t), simd(0x21, 1), e(0xa0), e(0x39, 3, ...uleb(s * 8)); // f64.store lane0+lane1
    }
    if (r < RI - 1) get(pc), get(cb), e(ADD), set(pc);
  }
  get(j), i32(RJ), e(ADD), tee(j), get(m), e(LT_S), e(BR_IF, 0);
  e(END);
  get(i), i32(RI), e(ADD), tee(i), get(n), e(LT_S), e(BR_IF, 0);
  e(END);
  e(END);

  const body = [2, ...uleb(7), I32, ...uleb(nV128), V128, ...code];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('e'), ...name('m'), 0x02, 0x00, ...uleb(1)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('gram'), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

const moduleCache = new Map<number, WebAssembly.Module | null>();

function gramModule(dp: number): WebAssembly.Module | null {
  if (!moduleCache.has(dp)) {
    let mod: WebAssembly.Module | null = null;
    if (typeof WebAssembly !== 'undefined') {
      const bytes = gramModuleBytes(dp);
      if (WebAssembly.validate(bytes)) mod = new WebAssembly.Module(bytes);
    }
    moduleCache.set(dp, mod);
  }
  return moduleCache.get(dp)!;
}

/** Whether this runtime runs the WebAssembly SIMD Gram kernel (otherwise the JS fallback runs). */
export function wasmSimdAvailable(): boolean {
  return gramModule(2) !== null;
}

type Kernel = (a: number, b: number, c: number, n: number, m: number, ldc: number) => void;

// The JS twin of the wasm kernel (offsets in doubles): 2×2 micro-tiles, even/odd partial sums.
function jsKernel(f: Float64Array, dp: number): Kernel {
  return (a, b, c, n, m, ldc) => {
    for (let i = 0; i < n; i += 2) {
      const a0 = a + i * dp;
      const a1 = a0 + dp;
      for (let j = 0; j < m; j += 2) {
        const b0 = b + j * dp;
        const b1 = b0 + dp;
        let e00 = 0, o00 = 0, e01 = 0, o01 = 0, e10 = 0, o10 = 0, e11 = 0, o11 = 0;
        for (let k = 0; k < dp; k += 2) {
          const x0 = f[a0 + k], x1 = f[a1 + k], y0 = f[b0 + k], y1 = f[b1 + k];
          const u0 = f[a0 + k + 1], u1 = f[a1 + k + 1], v0 = f[b0 + k + 1], v1 = f[b1 + k + 1];
          e00 += x0 * y0; o00 += u0 * v0; e01 += x0 * y1; o01 += u0 * v1;
          e10 += x1 * y0; o10 += u1 * v0; e11 += x1 * y1; o11 += u1 * v1;
        }
        const r = c + i * ldc + j;
        f[r] = e00 + o00; f[r + 1] = e01 + o01;
        f[r + ldc] = e10 + o10; f[r + ldc + 1] = e11 + o11;
      }
    }
  };
}

/** Options for a GramWorkspace. */
export interface GramOptions {
  /** false forces the JS kernel; default: wasm SIMD when the runtime supports it. */
  simd?: boolean;
}

/**
 * Float64 memory holding row sets A and B (zero-padded to an even width) and one output tile;
 * `tile()` returns dot products of A rows with B rows. B may share A's rows (`capB = 0`).
 */
export class GramWorkspace {
  readonly d: number;
  readonly dp: number;
  readonly simd: boolean;
  private readonly f: Float64Array;
  private readonly kernel: Kernel;
  private readonly aOff: number;
  private readonly bOff: number;
  private readonly cOff: number;
  private readonly capA: number;
  private readonly capB: number;
  private readonly tileCap: number;

  constructor(d: number, capA: number, capB: number, tileCap: number, opts: GramOptions = {}) {
    this.d = d;
    this.dp = roundUp(d, 2);
    this.capA = roundUp(capA, RI);
    this.capB = capB === 0 ? 0 : roundUp(capB, RI);
    this.tileCap = tileCap;
    this.aOff = 0;
    this.bOff = this.capA * this.dp;
    this.cOff = this.bOff + this.capB * this.dp;
    const doubles = this.cOff + tileCap;
    const mod = opts.simd === false ? null : gramModule(this.dp);
    if (opts.simd === true && !mod) throw new Error('WebAssembly SIMD is not available in this runtime.');
    const pages = Math.ceil((doubles * 8) / 65536) + 1;
    // wasm32 memory stops at 4 GiB (65536 pages); larger problems run on the JS kernel.
    this.simd = mod !== null && (pages <= 65536 || opts.simd === true);
    if (mod && this.simd) {
      const mem = new WebAssembly.Memory({ initial: pages });
      const inst = new WebAssembly.Instance(mod, { e: { m: mem } });
      const gram = inst.exports.gram as Kernel;
      this.f = new Float64Array(mem.buffer);
      this.kernel = (a, b, c, n, m, ldc) => gram(a * 8, b * 8, c * 8, n, m, ldc);
    } else {
      this.f = new Float64Array(doubles);
      this.kernel = jsKernel(this.f, this.dp);
    }
  }

  private load(off: number, cap: number, src: Float64Array, rows: number | Int32Array): void {
    const count = typeof rows === 'number' ? rows : rows.length;
    if (count > cap) throw new Error(`GramWorkspace: ${count} rows exceed capacity ${cap}.`);
    const { d, dp, f } = this;
    for (let r = 0; r < count; r++) {
      const s = (typeof rows === 'number' ? r : rows[r]) * d;
      const t = off + r * dp;
      f.set(src.subarray(s, s + d), t);
      if (dp !== d) f[t + d] = 0;
    }
  }

  /** Copies `rows` rows of `src` ([*, d] row-major), or the rows at the given indices, into A. */
  loadA(src: Float64Array, rows: number | Int32Array): void {
    this.load(this.aOff, this.capA, src, rows);
  }

  /** Copies rows into B (only for workspaces built with their own B, capB > 0). */
  loadB(src: Float64Array, rows: number | Int32Array): void {
    if (this.capB === 0) throw new Error('GramWorkspace: B shares A; load A instead.');
    this.load(this.bOff, this.capB, src, rows);
  }

  /** Output row stride of a tile that is nj columns wide. */
  static stride(nj: number): number {
    return roundUp(nj, RJ);
  }

  /**
   * Dot products L[i0 + r] · R[j0 + c] for r < ni, c < nj at out[r * stride(nj) + c], where L and R
   * are the row sets named by lhs/rhs (default A·Bᵀ); the view is overwritten by the next call.
   * i0 must be a multiple of 4 and j0 a multiple of 2.
   */
  tile(i0: number, ni: number, j0: number, nj: number, lhs: 'a' | 'b' = 'a', rhs: 'a' | 'b' = 'b'): Float64Array {
    if (i0 % RI !== 0 || j0 % RJ !== 0) throw new Error('GramWorkspace.tile: misaligned tile origin.');
    const nip = roundUp(ni, RI);
    const ldc = roundUp(nj, RJ);
    if (nip * ldc > this.tileCap) throw new Error('GramWorkspace.tile: tile exceeds capacity.');
    const off = (set: 'a' | 'b') => (set === 'b' && this.capB > 0 ? this.bOff : this.aOff);
    this.kernel(off(lhs) + i0 * this.dp, off(rhs) + j0 * this.dp, this.cOff, nip, ldc, ldc);
    return this.f.subarray(this.cOff, this.cOff + nip * ldc);
  }
}
