// Kernel Inception Distance (Bińkowski et al. 2018) as torch-fidelity's KID: cubic polynomial kernel
// k(x, y) = (x·y/d + 1)³, unbiased MMD² (diagonals excluded) averaged over random subsets.
import { Rng } from '../random/rng.js';
import { checkComparable, checkFeatures, type Features } from './features.js';
import { GramWorkspace } from './gram.js';
import { crossPass, symmetricPass, type TileVisitor } from './passes.js';
import { ldexp, rescaled, rescaleExponent, unscale } from './scale.js';

/** KID settings; defaults follow torch-fidelity (100 subsets of 1000, degree 3, γ = 1/d, c = 1). */
export interface KidOptions {
  subsets?: number;
  subsetSize?: number;
  seed?: number;
  degree?: number;
  gamma?: number;
  coef0?: number;
  simd?: boolean;
  /** 'subsets': one Gram per subset; 'full-passes': all pairs once, summed per subset; default: the cheaper. */
  strategy?: 'subsets' | 'full-passes';
}

/** KID mean and population standard deviation (ddof 0, as torch-fidelity) over subsets. */
export interface KidResult {
  mean: number;
  std: number;
  ddof: 0;
  values: Float64Array;
  subsets: number;
  subsetSize: number;
  seed: number;
}

/** Row indices of each KID subset: real[s] and generated[s] hold subsetSize indices each. */
export interface KidSubsets {
  real: Int32Array[];
  generated: Int32Array[];
  subsetSize: number;
}

/**
 * Draws KID subsets reproducibly: with rng = new Rng(seed), for s = 0..subsets−1 in turn,
 * real[s] = the first m entries of rng.permutation(nReal), then generated[s] = the first m of
 * rng.permutation(nGenerated), where m = min(subsetSize, nReal, nGenerated) (sampling without
 * replacement within a subset; subsets are independent).
 */
export function kidSubsets(
  nReal: number,
  nGenerated: number,
  opts: { subsets?: number; subsetSize?: number; seed?: number } = {},
): KidSubsets {
  const count = opts.subsets ?? 100;
  const size = opts.subsetSize ?? 1000;
  const m = Math.min(size, nReal, nGenerated);
  if (!Number.isInteger(count) || count < 1) throw new Error(`KID subsets must be a positive integer, got ${count}.`);
  if (!Number.isInteger(size)) throw new Error(`KID subset size must be an integer, got ${size}.`);
  if (!(m >= 2)) {
    throw new Error(`KID needs subsets of at least 2 samples; got subset size ${m} (nReal=${nReal}, nGenerated=${nGenerated}).`);
  }
  const rng = new Rng(opts.seed ?? 0);
  const real: Int32Array[] = [];
  const generated: Int32Array[] = [];
  for (let s = 0; s < count; s++) {
    real.push(rng.permutation(nReal).slice(0, m));
    generated.push(rng.permutation(nGenerated).slice(0, m));
  }
  return { real, generated, subsetSize: m };
}

const BLOCK = 128;

// Σ k(l_i, r_j) over one tile of dot products; diagonal tiles of a symmetric block count i < j only.
function tileKernelSum(
  g: Float64Array, ni: number, nj: number, upper: boolean, gamma: number, coef0: number, degree: number,
): number {
  const s = GramWorkspace.stride(nj);
  let sum = 0;
  for (let r = 0; r < ni; r++) {
    const o = r * s;
    for (let c = upper ? r + 1 : 0; c < nj; c++) {
      const t = g[o + c] * gamma + coef0;
      sum += degree === 3 ? t * t * t : Math.pow(t, degree);
    }
  }
  return sum;
}

// Σ over ordered pairs i ≠ j of k within one loaded set (lhs = rhs), using symmetry.
function offDiagonalSum(ws: GramWorkspace, set: 'a' | 'b', m: number, gamma: number, coef0: number, degree: number): number {
  let total = 0;
  for (let i0 = 0; i0 < m; i0 += BLOCK) {
    const ni = Math.min(BLOCK, m - i0);
    for (let j0 = i0; j0 < m; j0 += BLOCK) {
      const nj = Math.min(BLOCK, m - j0);
      total += 2 * tileKernelSum(ws.tile(i0, ni, j0, nj, set, set), ni, nj, i0 === j0, gamma, coef0, degree);
    }
  }
  return total;
}

/**
 * Unbiased MMD² with the polynomial kernel between the m rows loaded as A (real) and B (generated):
 * (Σ_{i≠j} k(xᵢ,xⱼ) + Σ_{i≠j} k(yᵢ,yⱼ)) / (m(m−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ) / m².
 */
export function polynomialMmd2(ws: GramWorkspace, m: number, gamma: number, coef0 = 1, degree = 3): number {
  const sxx = offDiagonalSum(ws, 'a', m, gamma, coef0, degree);
  const syy = offDiagonalSum(ws, 'b', m, gamma, coef0, degree);
  let sxy = 0;
  for (let i0 = 0; i0 < m; i0 += BLOCK) {
    const ni = Math.min(BLOCK, m - i0);
    for (let j0 = 0; j0 < m; j0 += BLOCK) {
      const nj = Math.min(BLOCK, m - j0);
      sxy += tileKernelSum(ws.tile(i0, ni, j0, nj), ni, nj, false, gamma, coef0, degree);
    }
  }
  return (sxx + syy) / (m * (m - 1)) - (2 * sxy) / (m * m);
}

function lowerBound(a: Int32Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Σ k over rows[rLo..rHi) × cols[cLo..cHi) of one tile (only col > row when `diagonal`).
function subsetTileSum(
  g: Float64Array, stride: number, i0: number, j0: number, diagonal: boolean,
  rows: Int32Array, rLo: number, rHi: number, cols: Int32Array, cLo: number, cHi: number,
  gamma: number, coef0: number, degree: number,
): number {
  let sum = 0;
  let c0 = cLo;
  for (let p = rLo; p < rHi; p++) {
    const i = rows[p];
    const o = (i - i0) * stride - j0;
    if (diagonal) while (c0 < cHi && cols[c0] <= i) c0++;
    let rowSum = 0;
    if (degree === 3) {
      for (let q = c0; q < cHi; q++) {
        const t = g[o + cols[q]] * gamma + coef0;
        rowSum += t * t * t;
      }
    } else {
      for (let q = c0; q < cHi; q++) rowSum += Math.pow(g[o + cols[q]] * gamma + coef0, degree);
    }
    sum += rowSum;
  }
  return sum;
}

/**
 * KID's per-subset kernel sums gathered from full-set passes (symmetric real, symmetric generated,
 * real × generated), so KID costs little next to the k-NN metrics; `values()` gives the same
 * per-subset MMD² as kid() up to summation order.
 */
export function kidAccumulator(
  subsets: KidSubsets, nReal: number, nGenerated: number, gamma: number, coef0 = 1, degree = 3,
): { real: TileVisitor; generated: TileVisitor; cross: TileVisitor; values(): Float64Array } {
  const count = subsets.real.length;
  const sorted = { real: subsets.real.map((a) => a.slice().sort()), generated: subsets.generated.map((a) => a.slice().sort()) };
  for (const [side, n] of [['real', nReal], ['generated', nGenerated]] as const) {
    for (const l of sorted[side]) if (l[l.length - 1] >= n) throw new Error(`kidAccumulator: ${side} subset index out of range.`);
  }
  const sums = { xx: new Float64Array(count), yy: new Float64Array(count), xy: new Float64Array(count) };
  const visitor = (rowSide: 'real' | 'generated', colSide: 'real' | 'generated', acc: Float64Array): TileVisitor => {
    const rowLists = sorted[rowSide];
    const colLists = sorted[colSide];
    const scale = rowSide === colSide ? 2 : 1; // symmetric passes see each unordered pair once
    return (g, i0, ni, j0, nj, diagonal) => {
      const stride = GramWorkspace.stride(nj);
      for (let s = 0; s < count; s++) {
        const rows = rowLists[s];
        const cols = colLists[s];
        const rLo = lowerBound(rows, i0), rHi = lowerBound(rows, i0 + ni);
        if (rLo === rHi) continue;
        const cLo = lowerBound(cols, j0), cHi = lowerBound(cols, j0 + nj);
        if (cLo === cHi) continue;
        acc[s] += scale * subsetTileSum(g, stride, i0, j0, diagonal, rows, rLo, rHi, cols, cLo, cHi, gamma, coef0, degree);
      }
    };
  };
  const m = subsets.subsetSize;
  return {
    real: visitor('real', 'real', sums.xx),
    generated: visitor('generated', 'generated', sums.yy),
    cross: visitor('real', 'generated', sums.xy),
    values: () => sums.xx.map((sxx, s) => (sxx + sums.yy[s]) / (m * (m - 1)) - (2 * sums.xy[s]) / (m * m)),
  };
}

/** Mean and population std (ddof 0) of per-subset MMD² values, as a KidResult. */
export function kidResult(values: Float64Array, subsetSize: number, seed: number): KidResult {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let varSum = 0;
  for (const v of values) varSum += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(varSum / values.length), ddof: 0, values, subsets: values.length, subsetSize, seed };
}

/**
 * A KidResult computed on features × 2^−e (with coef0 × 2^−2e) back on the features' scale: the kernel
 * (γ·x·y + c)^degree then scales by 2^(2e·degree) exactly; an error when the value lies beyond float64.
 */
export function unscaleKid(r: KidResult, e: number, degree = 3): KidResult {
  if (e === 0) return r;
  const p = 2 * degree;
  return { ...r, mean: unscale(r.mean, p, e, 'KID'), std: unscale(r.std, p, e, 'KID (its std)'), values: r.values.map((v) => ldexp(v, p * e)) };
}

/**
 * KID between real and generated features over seeded subsets (negative values are legitimate). Features of
 * large magnitude (above 2^40) are rescaled by a power of two first (see unscaleKid), so they give the exact
 * finite value or an error, never ±Infinity.
 */
export function kid(args: { real: Features; generated: Features }, opts: KidOptions = {}): KidResult {
  const { real, generated } = args;
  checkComparable(real, generated);
  const [x0, y0] = [checkFeatures(real, 'real'), checkFeatures(generated, 'generated')];
  // Only large features are rescaled: for tiny ones coef0·2^−2e would overflow, and the unscaled sums are
  // already what float64 can hold (x·y next to coef0 rounds away, as in any float64 reference).
  const e = Math.max(0, rescaleExponent(x0, y0));
  const [x, y] = [rescaled(x0, e), rescaled(y0, e)];
  const seed = opts.seed ?? 0;
  const subsets = kidSubsets(real.n, generated.n, { subsets: opts.subsets, subsetSize: opts.subsetSize, seed });
  const m = subsets.subsetSize;
  const gamma = opts.gamma ?? 1 / real.d;
  const degree = opts.degree ?? 3;
  const coef0 = ldexp(opts.coef0 ?? 1, -2 * e);
  // Dot products needed: every pair of the full sets once, or ≈ 2.1·m² per subset (symmetric
  // blocks use upper tiles); whichever is fewer wins. Both give the same values up to rounding.
  const fullPairs = (real.n * real.n + generated.n * generated.n) / 2 + real.n * generated.n;
  const strategy = opts.strategy ?? (fullPairs < 2.1 * m * m * subsets.real.length ? 'full-passes' : 'subsets');
  if (strategy === 'full-passes') {
    const acc = kidAccumulator(subsets, real.n, generated.n, gamma, coef0, degree);
    symmetricPass(x, real.n, real.d, [acc.real], opts);
    symmetricPass(y, generated.n, generated.d, [acc.generated], opts);
    crossPass(x, real.n, y, generated.n, real.d, [acc.cross], opts);
    return unscaleKid(kidResult(acc.values(), m, seed), e, degree);
  }
  const ws = new GramWorkspace(real.d, m, m, BLOCK * BLOCK, { simd: opts.simd });
  const values = new Float64Array(subsets.real.length);
  for (let s = 0; s < values.length; s++) {
    ws.loadA(x, subsets.real[s]);
    ws.loadB(y, subsets.generated[s]);
    values[s] = polynomialMmd2(ws, m, gamma, coef0, degree);
  }
  return unscaleKid(kidResult(values, m, seed), e, degree);
}
