// One-dimensional k-means as scikit-learn's KMeans(n_init=1): greedy k-means++ seeding (Arthur &
// Vassilvitskii 2007, 2 + ⌊ln k⌋ local trials) then Lloyd iterations; it starts the variational GMM.
import type { Rng } from '../../random/rng.js';

/** The result of a k-means run: centres in input units, one label per point, Lloyd iterations used. */
export interface KMeansResult {
  centers: Float64Array;
  labels: Int32Array;
  iterations: number;
}

/** Options of `lloyd1d` (scikit-learn's defaults). */
export interface LloydOptions {
  maxIter?: number;
  /** Relative tolerance: stop when the squared centre shift ≤ tol · var(x). */
  tol?: number;
}

/** Per-point weights (counts of repeated values); undefined means every weight is 1. */
export type Weights = Float64Array | undefined;

const wt = (w: Weights, i: number) => (w ? w[i] : 1);

function mean(x: Float64Array, w: Weights): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    s += wt(w, i) * x[i];
    n += wt(w, i);
  }
  return s / n;
}

/** Index of the nearest centre; ties go to the lowest index (numpy's argmin). */
function nearest(v: number, centers: Float64Array, half: Float64Array): number {
  // argmin of (v − c)² = argmin of ½c² − v·c, the form sklearn's chunked Lloyd evaluates
  let best = 0;
  let bestD = half[0] - v * centers[0];
  for (let j = 1; j < centers.length; j++) {
    const d = half[j] - v * centers[j];
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  }
  return best;
}

/**
 * Greedy k-means++ seeding: k starting centres chosen with D² weighting. With weights w (counts of
 * repeated values) a point is drawn with probability ∝ w·D², the same law as on the expanded data.
 */
export function kmeansPlusPlus1d(x: Float64Array, k: number, rng: Rng, w?: Weights): Float64Array {
  const n = x.length;
  if (n < 1) throw new Error('kmeansPlusPlus1d needs at least one point.');
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k);
  const closest = new Float64Array(n);
  const cum = new Float64Array(n);
  const first = (cw: Float64Array) => {
    // a uniform draw over the expanded points
    let acc = 0;
    for (let i = 0; i < n; i++) cw[i] = acc += wt(w, i);
    return searchSorted(cw, rng.uniform() * acc);
  };
  centers[0] = x[w ? first(cum) : rng.int(n)];
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - centers[0];
    closest[i] = wt(w, i) * d * d;
    pot += closest[i];
  }
  const cand = new Int32Array(trials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cum[i] = acc += closest[i];
    for (let t = 0; t < trials; t++) {
      // searchsorted(cum, u·pot): the first index whose running sum reaches the draw
      cand[t] = searchSorted(cum, rng.uniform() * pot);
    }
    let bestPot = Infinity;
    let bestCand = cand[0];
    for (let t = 0; t < trials; t++) {
      const cv = x[cand[t]];
      let p = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i] - cv;
        p += Math.min(closest[i], wt(w, i) * d * d);
      }
      if (p < bestPot) {
        bestPot = p;
        bestCand = cand[t];
      }
    }
    centers[c] = x[bestCand];
    pot = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - centers[c];
      closest[i] = Math.min(closest[i], wt(w, i) * d * d);
      pot += closest[i];
    }
  }
  return centers;
}

/**
 * Lloyd iterations from the given centres (input units), optionally weighted; empty clusters take the
 * points farthest from their centres (a weighted point moves whole).
 */
export function lloyd1d(xIn: Float64Array, init: Float64Array, opts: LloydOptions = {}, w?: Weights): KMeansResult {
  const maxIter = opts.maxIter ?? 300;
  const n = xIn.length;
  const k = init.length;
  // centred, as sklearn: keeps ½c² − v·c exact enough for large offsets (epoch milliseconds)
  const mu = mean(xIn, w);
  const x = new Float64Array(n);
  let variance = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    x[i] = xIn[i] - mu;
    variance += wt(w, i) * x[i] * x[i];
    total += wt(w, i);
  }
  const tol = (variance / total) * (opts.tol ?? 1e-4);
  let centers = Float64Array.from(init, (c) => c - mu);
  let next = new Float64Array(k);
  const half = new Float64Array(k);
  const labels = new Int32Array(n);
  const old = new Int32Array(n).fill(-1);
  const count = new Float64Array(k);
  let strict = false;
  let it = 0;
  for (it = 1; it <= maxIter; it++) {
    for (let j = 0; j < k; j++) half[j] = 0.5 * centers[j] * centers[j];
    next.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const l = nearest(x[i], centers, half);
      labels[i] = l;
      next[l] += wt(w, i) * x[i];
      count[l] += wt(w, i);
    }
    relocateEmpty(x, w, centers, labels, next, count);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      next[j] = count[j] > 0 ? next[j] / count[j] : centers[j];
      shift += (next[j] - centers[j]) ** 2;
    }
    [centers, next] = [next, centers];
    let same = true;
    for (let i = 0; i < n && same; i++) same = labels[i] === old[i];
    if (same) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
    old.set(labels);
  }
  if (it > maxIter) it = maxIter;
  if (!strict) {
    // labels consistent with the final centres
    for (let j = 0; j < k; j++) half[j] = 0.5 * centers[j] * centers[j];
    for (let i = 0; i < n; i++) labels[i] = nearest(x[i], centers, half);
  }
  return { centers: Float64Array.from(centers, (c) => c + mu), labels, iterations: it };
}

/** Moves the points farthest from their centres into empty clusters (sklearn's relocation). */
function relocateEmpty(x: Float64Array, w: Weights, centers: Float64Array, labels: Int32Array, sums: Float64Array, count: Float64Array): void {
  const empty: number[] = [];
  for (let j = 0; j < count.length; j++) if (count[j] === 0) empty.push(j);
  if (empty.length === 0) return;
  const dist = Float64Array.from(x, (v, i) => (v - centers[labels[i]]) ** 2);
  const far = Array.from(dist.keys()).sort((a, b) => dist[b] - dist[a] || a - b).slice(0, empty.length);
  empty.forEach((j, e) => {
    const i = far[e];
    if (i === undefined || count[labels[i]] <= (w ? w[i] : 1)) return; // fewer distinct points than clusters
    const from = labels[i];
    sums[from] -= wt(w, i) * x[i];
    count[from] -= wt(w, i);
    sums[j] = wt(w, i) * x[i];
    count[j] = wt(w, i);
  });
}

/** k-means as sklearn's KMeans(n_clusters=k, n_init=1): k-means++ on centred data, then Lloyd. */
export function kmeans1d(xIn: Float64Array, k: number, rng: Rng, opts: LloydOptions = {}, w?: Weights): KMeansResult {
  const mu = mean(xIn, w);
  const x = Float64Array.from(xIn, (v) => v - mu);
  const init = kmeansPlusPlus1d(x, k, rng, w).map((c) => c + mu);
  return lloyd1d(xIn, init, opts, w);
}

/** The first index whose running sum reaches r (numpy's searchsorted, side 'left'), clipped to the end. */
function searchSorted(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
