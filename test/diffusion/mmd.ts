// Test/acceptance helper: unbiased MMD² between point sets with an RBF kernel k(x,y) = exp(−‖x−y‖²/(2h²))
// (Gretton et al. 2012, eq. 3), computed in float64 on the host.

/** Unbiased MMD² of [N, D] and [M, D] row-major sets, RBF bandwidth h. */
export function rbfMmd2(a: ArrayLike<number>, b: ArrayLike<number>, dim: number, h: number): number {
  const n = a.length / dim;
  const m = b.length / dim;
  const k = (x: ArrayLike<number>, i: number, y: ArrayLike<number>, j: number) => {
    let d = 0;
    for (let c = 0; c < dim; c++) {
      const t = x[i * dim + c] - y[j * dim + c];
      d += t * t;
    }
    return Math.exp(-d / (2 * h * h));
  };
  let kxx = 0, kyy = 0, kxy = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) kxx += k(a, i, a, j);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) kyy += k(b, i, b, j);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) kxy += k(a, i, b, j);
  return kxx / (n * (n - 1)) + kyy / (m * (m - 1)) - (2 * kxy) / (n * m);
}
