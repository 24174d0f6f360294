// Tiled passes over all pairwise dot products of one set (upper triangle) or of two sets, handing
// each float64 Gram tile to several visitors so k-NN radii, manifold scans and KID share one pass.
import { GramWorkspace } from './gram.js';

/** Tile edge (a multiple of 4); a 256×256 float64 tile (512 KiB) is consumed right after it is made. */
export const PASS_BLOCK = 256;

/**
 * Receives g[r * GramWorkspace.stride(nj) + c] = L[i0 + r] · R[j0 + c]; in a symmetric pass
 * `diagonal` marks tiles with i0 = j0, whose pairs count only for c > r (each unordered pair once).
 */
export type TileVisitor = (g: Float64Array, i0: number, ni: number, j0: number, nj: number, diagonal: boolean) => void;

/** Visits every unordered pair i < j of the rows of x [n, d] once (tiles with j0 ≥ i0). */
export function symmetricPass(
  x: Float64Array, n: number, d: number, visitors: TileVisitor[], opts: { simd?: boolean } = {},
): void {
  const ws = new GramWorkspace(d, n, 0, PASS_BLOCK * PASS_BLOCK, opts);
  ws.loadA(x, n);
  for (let i0 = 0; i0 < n; i0 += PASS_BLOCK) {
    const ni = Math.min(PASS_BLOCK, n - i0);
    for (let j0 = i0; j0 < n; j0 += PASS_BLOCK) {
      const nj = Math.min(PASS_BLOCK, n - j0);
      const g = ws.tile(i0, ni, j0, nj);
      for (const v of visitors) v(g, i0, ni, j0, nj, i0 === j0);
    }
  }
}

/** Visits every pair (i, j) of rows x [nx, d] × y [ny, d]. */
export function crossPass(
  x: Float64Array, nx: number, y: Float64Array, ny: number, d: number, visitors: TileVisitor[],
  opts: { simd?: boolean } = {},
): void {
  const ws = new GramWorkspace(d, nx, ny, PASS_BLOCK * PASS_BLOCK, opts);
  ws.loadA(x, nx);
  ws.loadB(y, ny);
  for (let i0 = 0; i0 < nx; i0 += PASS_BLOCK) {
    const ni = Math.min(PASS_BLOCK, nx - i0);
    for (let j0 = 0; j0 < ny; j0 += PASS_BLOCK) {
      const nj = Math.min(PASS_BLOCK, ny - j0);
      const g = ws.tile(i0, ni, j0, nj);
      for (const v of visitors) v(g, i0, ni, j0, nj, false);
    }
  }
}
