// Acceptance helpers for inpainting and super-resolution: PSNR and the bicubic baseline (Keys 1981,
// a = −0.5, half-pixel centres and clamped borders as torch's interpolate(mode='bicubic', align_corners=False)).

/** PSNR in dB of images in [0,1] (peak 1), over all entries, optionally only where mask = 1. */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, mask?: ArrayLike<number>): number {
  let se = 0, n = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask && !mask[i]) continue;
    se += (a[i] - b[i]) ** 2;
    n++;
  }
  return 10 * Math.log10(1 / Math.max(se / Math.max(n, 1), 1e-12));
}

function keys(t: number): number {
  const x = Math.abs(t), a = -0.5;
  if (x <= 1) return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1;
  if (x < 2) return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a;
  return 0;
}

/** Bicubic 2× upsampling of n images [n, h, w, c] (row-major) → [n, 2h, 2w, c], clipped to [0,1]. */
export function bicubic2x(src: ArrayLike<number>, n: number, h: number, w: number, c: number): Float32Array {
  const H = 2 * h, W = 2 * w;
  const out = new Float32Array(n * H * W * c);
  const clampI = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < H; y++) {
      const sy = (y + 0.5) / 2 - 0.5, y0 = Math.floor(sy);
      for (let x = 0; x < W; x++) {
        const sx = (x + 0.5) / 2 - 0.5, x0 = Math.floor(sx);
        for (let ch = 0; ch < c; ch++) {
          let v = 0;
          for (let m = -1; m <= 2; m++) {
            const wy = keys(sy - (y0 + m));
            for (let k = -1; k <= 2; k++) v += wy * keys(sx - (x0 + k)) * src[((b * h + clampI(y0 + m, h - 1)) * w + clampI(x0 + k, w - 1)) * c + ch];
          }
          out[((b * H + y) * W + x) * c + ch] = Math.min(1, Math.max(0, v));
        }
      }
    }
  }
  return out;
}
