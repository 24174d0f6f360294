// Self-contained SVG line charts for run reports (loss curves); tick placement follows Heckbert's
// "Nice numbers for graph labels" (Graphics Gems, 1990). Pure: no DOM, no Node APIs.

/** One named line: points are [x, y]; non-finite points are skipped and break the line. */
export interface ChartSeries {
  name: string;
  points: [number, number][];
}

/** Options for `lineChartSvg`. */
export interface LineChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixel width; default 640. */
  width?: number;
  /** Pixel height; default 360. */
  height?: number;
  /** Logarithmic y axis (points with y ≤ 0 are skipped). */
  logY?: boolean;
}

// matplotlib's tab10 palette
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function niceNum(x: number, round: boolean): number {
  const e = Math.floor(Math.log10(x));
  const f = x / 10 ** e;
  const nf = round ? (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** e;
}

/** Returns ~`n` round tick values covering [lo, hi] and the padded axis range they imply. */
export function niceTicks(lo: number, hi: number, n = 5): { ticks: number[]; lo: number; hi: number } {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = niceNum(niceNum(hi - lo, false) / Math.max(1, n - 1), true);
  const a = Math.floor(lo / step) * step, b = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; a + i * step <= b + step * 1e-9; i++) ticks.push(+(a + i * step).toPrecision(12));
  return { ticks, lo: a, hi: b };
}

/** Formats a tick label compactly (1e-4 … 1e5 plainly, otherwise in exponent form). */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(1).replace('e+', 'e');
  return String(+v.toPrecision(4));
}

const f1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Renders line series as a standalone SVG string with axes, ticks, labels and a legend. */
export function lineChartSvg(series: ChartSeries[], opts: LineChartOptions = {}): string {
  const W = opts.width ?? 640, H = opts.height ?? 360;
  const logY = opts.logY ?? false;
  const ok = (x: number, y: number): boolean => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0);
  const ty = (y: number): number => (logY ? Math.log10(y) : y);
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (!ok(x, y)) continue;
      xmin = Math.min(xmin, x); xmax = Math.max(xmax, x);
      ymin = Math.min(ymin, ty(y)); ymax = Math.max(ymax, ty(y));
    }
  }
  const empty = !Number.isFinite(xmin);
  if (empty) { xmin = 0; xmax = 1; ymin = 0; ymax = 1; }
  const xt = niceTicks(xmin, xmax, 6);
  const yt = logY ? logTicks(ymin, ymax) : niceTicks(ymin, ymax, 5);

  const legendRows = series.length;
  const m = { l: 64, r: 16, t: opts.title ? 32 : 12, b: opts.xLabel ? 46 : 30 };
  const pw = Math.max(10, W - m.l - m.r), ph = Math.max(10, H - m.t - m.b);
  const sx = (x: number): number => m.l + ((x - xt.lo) / (xt.hi - xt.lo)) * pw;
  const sy = (v: number): number => m.t + ph - ((v - yt.lo) / (yt.hi - yt.lo)) * ph;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(opts.title)}</text>`);
  // grid + ticks
  for (const t of xt.ticks) {
    const x = f1(sx(t));
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${m.t + ph}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${m.t + ph + 14}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  }
  for (const t of yt.ticks) {
    const y = f1(sy(t));
    out.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + pw}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatTick(logY ? 10 ** t : t))}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  if (opts.xLabel) out.push(`<text x="${m.l + pw / 2}" y="${H - 8}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`);
  if (opts.yLabel) {
    out.push(`<text transform="translate(14 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(opts.yLabel + (logY ? ' (log)' : ''))}</text>`);
  }
  if (empty) out.push(`<text x="${m.l + pw / 2}" y="${m.t + ph / 2}" text-anchor="middle" fill="#888">no finite data</text>`);
  // series: polylines split at non-finite points; isolated points drawn as dots
  series.forEach((s, i) => {
    const col = COLORS[i % COLORS.length];
    const runs: string[][] = [[]];
    for (const [x, y] of s.points) {
      if (ok(x, y)) runs[runs.length - 1].push(`${f1(sx(x))},${f1(sy(ty(y)))}`);
      else if (runs[runs.length - 1].length > 0) runs.push([]);
    }
    for (const run of runs) {
      if (run.length === 1) {
        const [cx, cy] = run[0].split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${col}"/>`);
      } else if (run.length > 1) {
        out.push(`<polyline fill="none" stroke="${col}" stroke-width="1.5" points="${run.join(' ')}"/>`);
      }
    }
  });
  // legend (top-right, inside the plot)
  if (legendRows > 0) {
    const lw = 20 + 7 * Math.max(...series.map((s) => Math.min(40, s.name.length)));
    const lx = m.l + pw - lw - 6, ly = m.t + 6;
    out.push(`<rect x="${lx}" y="${ly}" width="${lw}" height="${legendRows * 15 + 4}" fill="#fff" fill-opacity="0.85" stroke="#ccc"/>`);
    series.forEach((s, i) => {
      const y = ly + 11 + i * 15;
      out.push(`<line x1="${lx + 4}" y1="${y - 3}" x2="${lx + 16}" y2="${y - 3}" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`);
      out.push(`<text x="${lx + 20}" y="${y}">${escapeXml(s.name)}</text>`);
    });
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Integer decades covering [lo, hi] (both log10 values). */
function logTicks(lo: number, hi: number): { ticks: number[]; lo: number; hi: number } {
  let a = Math.floor(lo), b = Math.ceil(hi);
  if (a === b) { a -= 1; b += 1; }
  if (b - a > 8) return niceTicks(a, b, 6); // many decades: fewer labels, still powers of ten when step is integral
  const ticks: number[] = [];
  for (let t = a; t <= b; t++) ticks.push(t);
  return { ticks, lo: a, hi: b };
}
