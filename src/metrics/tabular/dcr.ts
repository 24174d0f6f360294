// Distance to closest record (Zhao et al. 2021, CTAB-GAN; synthcity's DCR): for each query row the
// Euclidean distance to its nearest reference row, found exactly by branch and bound over a category trie.
import { isNumericKind, type TypedTable } from '../../data/tabular/types.js';
import { checkSameSchema } from './column-shapes.js';

/*
 * The distance between rows a and b is √Σ_c δ_c(a, b)², per column c:
 *   numeric:  δ = (a − b)/range, range = max − min of the reference (training) column (1 if constant);
 *             a missing cell against a present one δ = 1, two missing cells δ = 0 (SDMetrics' dcr_utils rule);
 *   discrete: δ = 0 for equal codes (a missing code equals a missing code), else 1.
 * SDMetrics' DCR metrics average |δ| with δ clipped to 1 (an L1 "Gower" mean); this is the Euclidean form
 * of CTAB-GAN and synthcity, on the same per-column scaling.
 *
 * Search: the reference rows sit in a trie over their discrete columns; a query walks it depth first,
 * its own category first, carrying the mismatch count m (a lower bound on d²) and pruning branches with
 * m ≥ the best d² so far, or when m plus the distance to the node's numeric bounding box does. A leaf
 * holds the rows sharing one category tuple (or ≤ 8 rows, whose remaining categories are compared
 * row by row), sorted by the numeric column with most distinct values; the scan runs outward from
 * the query's value and stops once m + δ² of that column alone reaches the best. The result is the
 * brute-force minimum; Adult (26k × 26k, 15 columns) takes about a second.
 */

interface TrieNode {
  /** children by code at this depth (leaves: none) */
  children?: Map<number, TrieNode>;
  /** per numeric column the scaled [min, max] of the node's rows (NaN when it holds a missing cell): [2·nd] */
  box: Float64Array;
  /** rows [start, end) of the leaf-sorted order */
  start: number;
  end: number;
  /** discrete columns resolved above this node (leaves with depth < disc.length check the rest per row) */
  depth: number;
}

/** Nodes with this many rows or fewer are leaves: compared row by row instead of split further. */
const LEAF_ROWS = 8;

/** The reference rows in leaf order, scaled, with the trie over their discrete columns. */
interface Index {
  root: TrieNode;
  disc: number[];
  num: number[];
  min: Float64Array;
  range: Float64Array;
  /** scaled numeric cells, row-major [rows, num.length] in leaf order (NaN kept) */
  cells: Float64Array;
  /** discrete codes, row-major [rows, disc.length] in leaf order, trie order of columns */
  codes: Float64Array;
  /** position in `num` of the column leaves are sorted by, or −1 */
  sortBy: number;
}

function buildIndex(ref: TypedTable): Index {
  const cols = ref.schema.columns;
  // fewest categories nearest the root keeps the upper levels, which every query walks, small
  const cardinality = (c: number): number => new Set(ref.columns[c]).size;
  const disc = cols.flatMap((c, i) => (isNumericKind(c.kind) ? [] : [i])).sort((a, b) => cardinality(a) - cardinality(b) || a - b);
  const num = cols.flatMap((c, i) => (isNumericKind(c.kind) ? [i] : []));
  const nd = num.length;
  const min = new Float64Array(nd), range = new Float64Array(nd);
  let sortBy = -1, mostDistinct = 1;
  num.forEach((c, k) => {
    let lo = Infinity, hi = -Infinity, nan = false;
    for (const v of ref.columns[c]) { if (Number.isNaN(v)) nan = true; else { if (v < lo) lo = v; if (v > hi) hi = v; } }
    min[k] = Number.isFinite(lo) ? lo : 0;
    range[k] = hi > lo ? hi - lo : 1;
    const distinct = new Set(ref.columns[c]).size;
    if (!nan && distinct > mostDistinct) { mostDistinct = distinct; sortBy = k; }
  });
  // rows ordered by their category tuple (NaN codes last), ties by the sort column
  const key = (c: number, i: number): number => { const v = ref.columns[c][i]; return Number.isNaN(v) ? Infinity : v; };
  const bySort = (a: number, b: number): number => (sortBy < 0 ? a - b : ref.columns[num[sortBy]][a] - ref.columns[num[sortBy]][b] || a - b);
  const order = Array.from({ length: ref.rows }, (_, i) => i).sort((a, b) => {
    for (const c of disc) { const ka = key(c, a), kb = key(c, b); if (ka !== kb) return ka < kb ? -1 : 1; }
    return bySort(a, b);
  });
  const none = new Float64Array(0);
  const build = (start: number, end: number, depth: number): TrieNode => {
    if (depth === disc.length || end - start <= LEAF_ROWS) {
      // an early leaf's rows differ in later categories: re-sort them by the sort column for the scan
      if (depth < disc.length) order.splice(start, end - start, ...order.slice(start, end).sort(bySort));
      return { start, end, depth, box: none };
    }
    const children = new Map<number, TrieNode>();
    const col = ref.columns[disc[depth]];
    for (let s = start; s < end; ) {
      let e = s + 1;
      while (e < end && Object.is(col[order[e]], col[order[s]])) e++;
      children.set(col[order[s]], build(s, e, depth + 1)); // Map keys: NaN is one key
      s = e;
    }
    return { children, start, end, depth, box: none };
  };
  const root = build(0, ref.rows, 0);
  const cells = new Float64Array(ref.rows * nd), codes = new Float64Array(ref.rows * disc.length);
  order.forEach((row, p) => {
    for (let k = 0; k < nd; k++) cells[p * nd + k] = (ref.columns[num[k]][row] - min[k]) / range[k];
    disc.forEach((c, k) => { codes[p * disc.length + k] = ref.columns[c][row]; });
  });
  // boxes bottom-up: a leaf's from its cells, a node's as the union of its children's (NaN: holds a missing cell)
  const boxes = (node: TrieNode): Float64Array => {
    const bx = new Float64Array(2 * nd);
    for (let k = 0; k < nd; k++) { bx[2 * k] = Infinity; bx[2 * k + 1] = -Infinity; }
    const merge = (lo: number, hi: number, k: number): void => {
      if (Number.isNaN(lo) || Number.isNaN(bx[2 * k])) { bx[2 * k] = NaN; return; }
      if (lo < bx[2 * k]) bx[2 * k] = lo;
      if (hi > bx[2 * k + 1]) bx[2 * k + 1] = hi;
    };
    if (node.children) for (const ch of node.children.values()) { const cb = boxes(ch); for (let k = 0; k < nd; k++) merge(cb[2 * k], cb[2 * k + 1], k); }
    else for (let p = node.start; p < node.end; p++) for (let k = 0; k < nd; k++) merge(cells[p * nd + k], cells[p * nd + k], k);
    node.box = bx;
    return bx;
  };
  boxes(root);
  return { root, disc, num, min, range, cells, codes, sortBy };
}

/** A lower bound on the numeric part of d² from q to any row inside a node's box. */
function boxBound(box: Float64Array, q: Float64Array): number {
  let s = 0;
  for (let k = 0; k < q.length; k++) {
    const lo = box[2 * k], hi = box[2 * k + 1], a = q[k];
    if (Number.isNaN(lo)) continue; // the node holds a missing cell: no bound from this column
    if (Number.isNaN(a)) s += 1; // missing against present cells only
    else if (a < lo) s += (lo - a) * (lo - a);
    else if (a > hi) s += (a - hi) * (a - hi);
  }
  return s;
}

/** Squared distance from query cells q to reference row p, or ≥ bound as soon as it reaches it. */
function numericD2(cells: Float64Array, p: number, q: Float64Array, bound: number): number {
  const nd = q.length;
  let s = 0;
  for (let k = 0; k < nd && s < bound; k++) {
    const a = q[k], b = cells[p * nd + k];
    if (a === b) continue;
    const an = Number.isNaN(a), bn = Number.isNaN(b);
    if (an && bn) continue;
    if (an || bn) { s += 1; continue; }
    s += (a - b) * (a - b);
  }
  return s;
}

function nearestOne(ix: Index, qd: Float64Array, qn: Float64Array): number {
  let best = Infinity;
  const { cells, codes, sortBy } = ix;
  const nd = qn.length, nc = qd.length;
  const qs = sortBy >= 0 ? qn[sortBy] : NaN;
  let from = nc; // discrete columns the current leaf leaves unchecked: from … nc − 1
  const tryRow = (p: number, m: number): void => {
    for (let k = from; k < nc && m < best; k++) { const a = qd[k], b = codes[p * nc + k]; if (a !== b && !(a !== a && b !== b)) m++; }
    if (m >= best) return;
    const d = m + numericD2(cells, p, qn, best - m);
    if (d < best) best = d;
  };
  const scanLeaf = (node: TrieNode, m: number): void => {
    from = node.depth;
    if (Number.isNaN(qs)) {
      for (let p = node.start; p < node.end; p++) tryRow(p, m);
      return;
    }
    let lo = node.start, hi = node.end; // first row with sort value ≥ qs
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cells[mid * nd + sortBy] < qs) lo = mid + 1; else hi = mid; }
    for (let p = lo; p < node.end; p++) {
      const g = cells[p * nd + sortBy] - qs;
      if (m + g * g >= best) break;
      tryRow(p, m);
    }
    for (let p = lo - 1; p >= node.start; p--) {
      const g = qs - cells[p * nd + sortBy];
      if (m + g * g >= best) break;
      tryRow(p, m);
    }
  };
  const visit = (node: TrieNode, m: number): void => {
    if (m >= best || m + boxBound(node.box, qn) >= best) return;
    if (!node.children) { scanLeaf(node, m); return; }
    const own = node.children.get(qd[node.depth]);
    if (own) visit(own, m);
    for (const child of node.children.values()) {
      if (m + 1 >= best) return;
      if (child !== own) visit(child, m + 1);
    }
  };
  visit(ix.root, 0);
  return best;
}

/** One string per row: the exact cell values (NaN spelled out), for exact-copy detection. */
function rowKeys(t: TypedTable): string[] {
  const keys: string[] = new Array(t.rows);
  for (let i = 0; i < t.rows; i++) {
    let k = '';
    for (const col of t.columns) k += `${col[i]},`;
    keys[i] = k;
  }
  return keys;
}

/**
 * For each row of `query`, the distance (see the comment above) to its nearest row of `reference`;
 * rows that equal a reference row exactly get exactly 0. Same schema required.
 */
export function distanceToClosestRecord(query: TypedTable, reference: TypedTable): Float64Array {
  return nearest(query, reference).distances;
}

function nearest(query: TypedTable, reference: TypedTable): { distances: Float64Array; copies: number } {
  checkSameSchema(reference, query);
  if (reference.rows === 0) throw new Error('distanceToClosestRecord: the reference table has no rows.');
  const ix = buildIndex(reference);
  const qd = new Float64Array(ix.disc.length), qn = new Float64Array(ix.num.length);
  const copies = new Set(rowKeys(reference));
  const qk = rowKeys(query);
  const distances = new Float64Array(query.rows);
  let n = 0;
  for (let i = 0; i < query.rows; i++) {
    if (copies.has(qk[i])) { n++; continue; } // distance 0 exactly
    ix.disc.forEach((c, k) => { qd[k] = query.columns[c][i]; });
    ix.num.forEach((c, k) => { qn[k] = (query.columns[c][i] - ix.min[k]) / ix.range[k]; });
    distances[i] = Math.sqrt(nearestOne(ix, qd, qn));
  }
  return { distances, copies: n };
}

/** The fraction of `query` rows equal, cell for cell, to some `reference` row. */
export function exactCopyRate(query: TypedTable, reference: TypedTable): number {
  checkSameSchema(reference, query);
  const copies = new Set(rowKeys(reference));
  let n = 0;
  for (const k of rowKeys(query)) if (copies.has(k)) n++;
  return query.rows === 0 ? NaN : n / query.rows;
}

/** numpy's default (linear) percentile of unsorted values, q in [0, 100]. */
export function percentile(values: ArrayLike<number>, q: number): number {
  const x = Float64Array.from(values).sort();
  if (x.length === 0) return NaN;
  const h = ((x.length - 1) * q) / 100;
  const lo = Math.floor(h), hi = Math.min(lo + 1, x.length - 1);
  return x[lo] + (h - lo) * (x[hi] - x[lo]);
}

/** A distance distribution's 5th percentile and median. */
export interface DcrSummary {
  p5: number;
  median: number;
}

/** DCR of the synthetic rows to the real training rows, beside the real hold-out rows' (the baseline). */
export interface DcrResult {
  synthetic: DcrSummary;
  holdout?: DcrSummary;
  syntheticDistances: Float64Array;
  holdoutDistances?: Float64Array;
  /** Synthetic rows identical to a training row. */
  exactCopyRate: number;
  /** Hold-out rows identical to a training row (real duplicates: the rate an honest sampler may show). */
  holdoutCopyRate?: number;
}

const summary = (d: Float64Array): DcrSummary => ({ p5: percentile(d, 5), median: percentile(d, 50) });

/** Privacy by distance to closest record: synthetic → training rows, and hold-out → training rows. */
export function dcrPrivacy(train: TypedTable, synthetic: TypedTable, holdout?: TypedTable): DcrResult {
  const s = nearest(synthetic, train);
  const res: DcrResult = { synthetic: summary(s.distances), syntheticDistances: s.distances, exactCopyRate: s.copies / synthetic.rows };
  if (holdout) {
    const h = nearest(holdout, train);
    res.holdout = summary(h.distances);
    res.holdoutDistances = h.distances;
    res.holdoutCopyRate = h.copies / holdout.rows;
  }
  return res;
}
