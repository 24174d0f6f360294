// Pure pixel layout for PNG output (no encoding here — see src/node/png-codec.ts): sample grids in
// torchvision's make_grid layout, 2-D scatter plots (Unrolled-GAN/VEEGAN ring/grid plots), heatmaps.
import { tf } from '../engine/tf.js';

/** An 8-bit RGBA raster, row-major from the top-left pixel; the input of `encodePng`. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Layout options for `imageGrid` (defaults follow torchvision.utils.make_grid: pad 2, value 0). */
export interface GridOptions {
  /** Images per row; default ceil(sqrt(n)). */
  cols?: number;
  /** Pixels between and around images; default 2. */
  pad?: number;
  /** Padding grey level in [0,1]; default 0 (black). */
  padValue?: number;
}

const to8 = (v: number): number => (v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0); // NaN → 0

function checkDim(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`imageGrid: ${name} must be a positive integer, got ${v}.`);
}

/**
 * Lays out `n` NHWC images with values in [0,1] (clamped) as one RGBA grid; 1 channel is drawn as
 * grey, 3 as RGB, 4 as RGBA.
 */
export function imageGrid(
  images: Float32Array | tf.Tensor,
  n: number,
  h: number,
  w: number,
  c: number,
  opts: GridOptions = {},
): RgbaImage {
  for (const [k, v] of [['n', n], ['h', h], ['w', w]] as const) checkDim(k, v);
  if (c !== 1 && c !== 3 && c !== 4) throw new Error(`imageGrid: channels must be 1, 3 or 4, got ${c}.`);
  const raw = images instanceof Float32Array ? images : images.dataSync(); // [n, h, w, c]
  const data = raw instanceof Float32Array ? raw : Float32Array.from(raw as ArrayLike<number>);
  if (data.length !== n * h * w * c) {
    throw new Error(`imageGrid: expected ${n}×${h}×${w}×${c} = ${n * h * w * c} values, got ${data.length}.`);
  }
  const cols = Math.min(n, opts.cols ?? Math.ceil(Math.sqrt(n)));
  checkDim('cols', cols);
  const pad = opts.pad ?? 2;
  if (!Number.isInteger(pad) || pad < 0) throw new Error(`imageGrid: pad must be a non-negative integer, got ${pad}.`);
  const rows = Math.ceil(n / cols);
  const width = cols * (w + pad) + pad;
  const height = rows * (h + pad) + pad;
  const rgba = new Uint8Array(width * height * 4);
  const pv = to8(opts.padValue ?? 0);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = rgba[i + 1] = rgba[i + 2] = pv;
    rgba[i + 3] = 255;
  }
  for (let k = 0; k < n; k++) {
    const x0 = pad + (k % cols) * (w + pad);
    const y0 = pad + Math.floor(k / cols) * (h + pad);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((k * h + y) * w + x) * c;
        const dst = ((y0 + y) * width + x0 + x) * 4;
        if (c === 1) {
          rgba[dst] = rgba[dst + 1] = rgba[dst + 2] = to8(data[src]);
        } else {
          rgba[dst] = to8(data[src]);
          rgba[dst + 1] = to8(data[src + 1]);
          rgba[dst + 2] = to8(data[src + 2]);
          if (c === 4) rgba[dst + 3] = to8(data[src + 3]);
        }
      }
    }
  }
  return { width, height, rgba };
}

// ---- drawing primitives -------------------------------------------------------------------------

type Rgb = readonly [number, number, number];

function blank(width: number, height: number, bg: Rgb): RgbaImage {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = bg[0];
    rgba[i + 1] = bg[1];
    rgba[i + 2] = bg[2];
    rgba[i + 3] = 255;
  }
  return { width, height, rgba };
}

/** Alpha-blends `col` into pixel (x, y); out-of-bounds pixels are ignored. */
function blend(img: RgbaImage, x: number, y: number, col: Rgb, alpha = 1): void {
  x = Math.round(x);
  y = Math.round(y);
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 4;
  for (let ch = 0; ch < 3; ch++) img.rgba[i + ch] = Math.round(img.rgba[i + ch] * (1 - alpha) + col[ch] * alpha);
}

function line(img: RgbaImage, x0: number, y0: number, x1: number, y1: number, col: Rgb, alpha = 1): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  for (let s = 0; s <= steps; s++) blend(img, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, col, alpha);
}

// 3×5 bitmap font: each glyph is five rows of three bits (4 = left pixel), e.g. 'A' = 010/101/111/101/101.
const FONT: Record<string, string> = {
  A: '25755', B: '65656', C: '34443', D: '65556', E: '74647', F: '74644', G: '34553', H: '55755',
  I: '72227', J: '11153', K: '55655', L: '44447', M: '57755', N: '65555', O: '25552', P: '65644',
  Q: '25563', R: '65655', S: '34216', T: '72222', U: '55557', V: '55552', W: '55775', X: '55255',
  Y: '55222', Z: '71247', '0': '75557', '1': '26227', '2': '61247', '3': '61216', '4': '55711',
  '5': '74616', '6': '34757', '7': '71122', '8': '75757', '9': '75716', ' ': '00000', '-': '00700',
  '.': '00002', ',': '00024', ':': '02020', '=': '07070', '/': '11244', '(': '24442', ')': '42224',
  _: '00007', '+': '02720', '%': '51245', '#': '57575', '?': '61202', '!': '22202', "'": '22000',
};

/** Draws `text` (upper-cased; unknown characters as '?') with its top-left at (x, y). */
function drawText(img: RgbaImage, text: string, x: number, y: number, scale: number, col: Rgb): void {
  for (const ch of text.toUpperCase()) {
    const glyph = FONT[ch] ?? FONT['?'];
    for (let r = 0; r < 5; r++) {
      const bits = Number(glyph[r]);
      for (let b = 0; b < 3; b++) {
        if (!(bits & (4 >> b))) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) blend(img, x + b * scale + dx, y + r * scale + dy, col);
        }
      }
    }
    x += 4 * scale;
  }
}

// ---- scatter plot -------------------------------------------------------------------------------

/** Options for `scatterPlot`. */
export interface ScatterOptions {
  /** Plot side in pixels; default 256. */
  size?: number;
  /** Data range shown on both axes; default: the points' bounding square plus 5%. */
  range?: [number, number];
  /** Mode centres, drawn as red crosses. */
  centers?: [number, number][];
  /** Radius (data units) of a red circle drawn around each centre, e.g. 3σ; default none. */
  centerRadius?: number;
  /** Caption drawn above the plot in a small bitmap font. */
  title?: string;
  /** Dot opacity in (0,1]; overlapping dots darken, showing density; default 0.5. */
  alpha?: number;
}

const INK: Rgb = [31, 119, 180];
const RED: Rgb = [214, 39, 40];
const GREY: Rgb = [200, 200, 200];
const BLACK: Rgb = [0, 0, 0];

/** Draws 2-D samples (interleaved `[N, 2]`) as dots on a white square, with optional mode centres. */
export function scatterPlot(points: Float32Array | ArrayLike<number>, opts: ScatterOptions = {}): RgbaImage {
  if (points.length % 2 !== 0) throw new Error(`scatterPlot: points must be [N, 2] interleaved, got ${points.length} values.`);
  const size = opts.size ?? 256;
  if (!Number.isInteger(size) || size < 16) throw new Error(`scatterPlot: size must be an integer ≥ 16, got ${size}.`);
  let [lo, hi] = opts.range ?? autoRange(points, opts.centers ?? []);
  if (!(hi > lo)) throw new Error(`scatterPlot: range must satisfy min < max, got [${lo}, ${hi}].`);
  const band = opts.title ? 14 : 0;
  const img = blank(size, size + band, [255, 255, 255]);
  if (opts.title) drawText(img, opts.title, 3, 2, 2, BLACK);
  const px = (v: number): number => ((v - lo) / (hi - lo)) * (size - 1);
  const py = (v: number): number => band + (1 - (v - lo) / (hi - lo)) * (size - 1);
  if (lo < 0 && hi > 0) {
    line(img, px(0), band, px(0), band + size - 1, GREY);
    line(img, 0, py(0), size - 1, py(0), GREY);
  }
  const a = opts.alpha ?? 0.5;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i], y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < lo || x > hi || y < lo || y > hi) continue;
    const cx = px(x), cy = py(y);
    blend(img, cx, cy, INK, a);
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) blend(img, cx + dx, cy + dy, INK, a * 0.5);
  }
  for (const [x, y] of opts.centers ?? []) {
    const cx = px(x), cy = py(y);
    line(img, cx - 3, cy - 3, cx + 3, cy + 3, RED);
    line(img, cx - 3, cy + 3, cx + 3, cy - 3, RED);
    if (opts.centerRadius && opts.centerRadius > 0) {
      const r = (opts.centerRadius / (hi - lo)) * (size - 1);
      const steps = Math.max(16, Math.ceil(2 * Math.PI * r));
      for (let s = 0; s < steps; s++) {
        const t = (2 * Math.PI * s) / steps;
        blend(img, cx + r * Math.cos(t), cy + r * Math.sin(t), RED, 0.8);
      }
    }
  }
  // frame
  line(img, 0, band, size - 1, band, BLACK);
  line(img, 0, band + size - 1, size - 1, band + size - 1, BLACK);
  line(img, 0, band, 0, band + size - 1, BLACK);
  line(img, size - 1, band, size - 1, band + size - 1, BLACK);
  return img;
}

function autoRange(points: ArrayLike<number>, centers: [number, number][]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  const see = (v: number): void => {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (let i = 0; i < points.length; i++) see(points[i]);
  for (const [x, y] of centers) { see(x); see(y); }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const m = 0.05 * (hi - lo);
  return [lo - m, hi + m];
}

// ---- heatmap ------------------------------------------------------------------------------------

// viridis (matplotlib, van der Walt & Smith 2015) sampled at 0, .25, .5, .75, 1; linear in between.
const VIRIDIS: Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

/** Maps t ∈ [0,1] (clamped) to an approximate viridis colour. */
export function viridis(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i], b = VIRIDIS[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** Options for `heatmap`. */
export interface HeatmapOptions {
  /** Value mapped to the colormap's low end; default the finite minimum. */
  min?: number;
  /** Value mapped to the colormap's high end; default the finite maximum. */
  max?: number;
  /** Integer upscaling factor (nearest neighbour); default 1. */
  scale?: number;
}

/** Colours a row-major `h × w` grid of values (row 0 at the top) with viridis; non-finite cells are grey. */
export function heatmap(values: Float32Array | ArrayLike<number>, w: number, h: number, opts: HeatmapOptions = {}): RgbaImage {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) throw new Error(`heatmap: w and h must be positive integers, got ${w}×${h}.`);
  if (values.length !== w * h) throw new Error(`heatmap: expected ${w}×${h} = ${w * h} values, got ${values.length}.`);
  const s = opts.scale ?? 1;
  if (!Number.isInteger(s) || s < 1) throw new Error(`heatmap: scale must be a positive integer, got ${s}.`);
  let lo = opts.min ?? Infinity, hi = opts.max ?? -Infinity;
  if (opts.min === undefined || opts.max === undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (opts.min === undefined) lo = Math.min(lo, v);
      if (opts.max === undefined) hi = Math.max(hi, v);
    }
  }
  const span = hi - lo > 0 && Number.isFinite(hi - lo) ? hi - lo : 1;
  const img = blank(w * s, h * s, [128, 128, 128]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = values[y * w + x];
      if (!Number.isFinite(v)) continue;
      const col = viridis((v - lo) / span);
      for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) blend(img, x * s + dx, y * s + dy, col);
    }
  }
  return img;
}
