// k-NN manifold statistics for precision/recall (Kynkäänniemi et al. 2019) and density/coverage
// (Naeem et al. 2020, prdc): distances as sklearn's euclidean_distances, ‖a‖² − 2a·b + ‖b‖² ≥ 0.
import { GramWorkspace } from './gram.js';
import { crossPass, symmetricPass, type TileVisitor } from './passes.js';

/** Squared Euclidean norm of each row of a row-major [n, d] matrix. */
export function squaredNorms(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * d; j < (i + 1) * d; j++) s += x[j] * x[j];
    out[i] = s;
  }
  return out;
}

// Inserts v into the ascending list best[o .. o+kk) (v is below its last entry); returns the new last.
function insert(best: Float64Array, o: number, kk: number, v: number): number {
  let p = o + kk - 1;
  while (p > o && best[p - 1] > v) {
    best[p] = best[p - 1];
    p--;
  }
  best[p] = v;
  return best[o + kk - 1];
}

/** A symmetric-pass visitor keeping each row's kk smallest squared distances to other rows. */
export function knnVisitor(norms: Float64Array, kk: number): { visit: TileVisitor; best: Float64Array } {
  const n = norms.length;
  const best = new Float64Array(n * kk).fill(Infinity);
  const visit: TileVisitor = (g, i0, ni, j0, nj, diagonal) => {
    const s = GramWorkspace.stride(nj);
    for (let r = 0; r < ni; r++) {
      const i = i0 + r;
      const ni2 = norms[i];
      const oi = i * kk;
      let thr = best[oi + kk - 1];
      for (let c = diagonal ? r + 1 : 0; c < nj; c++) {
        const j = j0 + c;
        const m2g = -2 * g[r * s + c];
        // Row i and row j each use their own summation order, as a full distance matrix would.
        const vij = m2g + ni2 + norms[j];
        if (vij < thr) thr = insert(best, oi, kk, vij < 0 ? 0 : vij);
        const vji = m2g + norms[j] + ni2;
        const oj = j * kk;
        if (vji < best[oj + kk - 1]) insert(best, oj, kk, vji < 0 ? 0 : vji);
      }
    }
  };
  return { visit, best };
}

function checkKs(ks: number[], n: number): number {
  if (ks.length === 0) throw new Error('knnSquaredRadii: give at least one k.');
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`Neighbourhood size k must be a positive integer, got ${k}.`);
  }
  const kk = Math.max(...ks);
  if (n <= kk) throw new Error(`k-NN radii with k=${kk} need more than ${kk} samples in a set, got ${n}.`);
  return kk;
}

/** Column k−1 of a kNN visitor's lists: the squared k-th neighbour distance of every row. */
export function radiiFrom(best: Float64Array, kk: number, k: number): Float64Array {
  const r = new Float64Array(best.length / kk);
  for (let i = 0; i < r.length; i++) r[i] = best[i * kk + k - 1];
  return r;
}

/**
 * For each k in ks, the squared distance from every row of x [n, d] to its k-th nearest OTHER row
 * (ties counted with multiplicity), from one symmetric pass with running top-k lists; `extra`
 * visitors see the same tiles.
 */
export function knnSquaredRadii(
  x: Float64Array, n: number, d: number, ks: number[], opts: { simd?: boolean; extra?: TileVisitor[] } = {},
): Float64Array[] {
  const kk = checkKs(ks, n);
  const knn = knnVisitor(squaredNorms(x, n, d), kk);
  symmetricPass(x, n, d, [knn.visit, ...(opts.extra ?? [])], opts);
  return ks.map((k) => radiiFrom(knn.best, kk, k));
}

/** Squared k-NN radii to compare against in one real × generated pass; omitted ones are skipped. */
export interface CrossRadii {
  /** Real radii for precision (membership d² ≤ r², Kynkäänniemi). */
  realPr?: Float64Array;
  /** Generated radii for recall (membership d² ≤ r²). */
  generatedPr?: Float64Array;
  /** Real radii for density/coverage (membership d < r on distances, strict as in prdc). */
  realDc?: Float64Array;
}

/** Per-sample outcomes of the real × generated pass (undefined for metrics not requested). */
export interface CrossCounts {
  /** 1 where a generated sample lies in some real ball (precision). */
  inReal?: Uint8Array;
  /** 1 where a real sample lies in some generated ball (recall). */
  inGenerated?: Uint8Array;
  /** Per generated sample, the number of real balls strictly containing it (density). */
  density?: Int32Array;
  /** 1 where a real sample's nearest generated sample is strictly inside its ball (coverage). */
  covered?: Uint8Array;
}

// Precision/recall scan of one tile: d² ≤ r² memberships in both directions.
function scanPr(
  g: Float64Array, i0: number, ni: number, j0: number, nj: number, rn: Float64Array, gn: Float64Array,
  realR2: Float64Array, genR2: Float64Array, inReal: Uint8Array, inGen: Uint8Array,
): void {
  const s = GramWorkspace.stride(nj);
  for (let r = 0; r < ni; r++) {
    const i = i0 + r;
    const ri2 = rn[i];
    const rr2 = realR2[i];
    let hit = 0;
    for (let c = 0; c < nj; c++) {
      const j = j0 + c;
      // No clamp at 0 needed: a negative v and 0 compare alike against a radius ≥ 0.
      const v = -2 * g[r * s + c] + ri2 + gn[j];
      if (v <= rr2) inReal[j] = 1;
      if (v <= genR2[j]) hit = 1;
    }
    if (hit) inGen[i] = 1;
  }
}

// Density/coverage scan of one tile: strict d < r on distances (sqrt only near the radius).
function scanDc(
  g: Float64Array, i0: number, ni: number, j0: number, nj: number, rn: Float64Array, gn: Float64Array,
  cutoff: Float64Array, radius: Float64Array, density: Int32Array, covered: Uint8Array,
): void {
  const s = GramWorkspace.stride(nj);
  for (let r = 0; r < ni; r++) {
    const i = i0 + r;
    const ri2 = rn[i];
    const cut = cutoff[i];
    const rad = radius[i];
    let hit = 0;
    for (let c = 0; c < nj; c++) {
      const j = j0 + c;
      const v = -2 * g[r * s + c] + ri2 + gn[j];
      if (v <= cut && Math.sqrt(v < 0 ? 0 : v) < rad) {
        density[j]++;
        hit = 1;
      }
    }
    if (hit) covered[i] = 1;
  }
}

/** One pass over all real × generated distances counting memberships (`extra` visitors share it). */
export function crossCounts(
  real: Float64Array, nr: number, gen: Float64Array, ng: number, d: number, radii: CrossRadii,
  opts: { simd?: boolean; extra?: TileVisitor[] } = {},
): CrossCounts {
  const rn = squaredNorms(real, nr, d);
  const gn = squaredNorms(gen, ng, d);
  const { realPr, generatedPr, realDc } = radii;
  const out: CrossCounts = {};
  // A missing side gets radii of −∞ (no memberships) so one scan serves precision, recall or both.
  const pr = realPr || generatedPr
    ? {
        realPr: realPr ?? new Float64Array(nr).fill(-Infinity),
        generatedPr: generatedPr ?? new Float64Array(ng).fill(-Infinity),
        inReal: new Uint8Array(ng),
        inGen: new Uint8Array(nr),
      }
    : null;
  // sqrt(v) < sqrt(r²) implies v ≤ r²·(1 + 1e-12): a cheap pre-test before the exact comparison.
  const dc = realDc
    ? { cutoff: realDc.map((v) => v * (1 + 1e-12)), radius: realDc.map(Math.sqrt), density: new Int32Array(ng), covered: new Uint8Array(nr) }
    : null;
  const visitors: TileVisitor[] = [...(opts.extra ?? [])];
  if (pr) visitors.push((g, i0, ni, j0, nj) => scanPr(g, i0, ni, j0, nj, rn, gn, pr.realPr, pr.generatedPr, pr.inReal, pr.inGen));
  if (dc) visitors.push((g, i0, ni, j0, nj) => scanDc(g, i0, ni, j0, nj, rn, gn, dc.cutoff, dc.radius, dc.density, dc.covered));
  crossPass(real, nr, gen, ng, d, visitors, opts);
  if (realPr) out.inReal = pr!.inReal;
  if (generatedPr) out.inGenerated = pr!.inGen;
  if (dc) [out.density, out.covered] = [dc.density, dc.covered];
  return out;
}

/** Fraction of ones in a 0/1 array. */
export function fraction(flags: Uint8Array): number {
  let s = 0;
  for (const f of flags) s += f;
  return s / flags.length;
}
