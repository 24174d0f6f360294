// Self-contained SVG charts for the tabular report: real-vs-synthetic histograms and category bars
// (SDMetrics' column plots) and a pair-score heat-map; ticks from svg-chart.ts (Heckbert's nice numbers).
import { escapeXml, formatTick, niceTicks } from '../../io/svg-chart.js';

const REAL = '#1f77b4';
const SYNTH = '#ff7f0e';
const f1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Two frequency series over shared bins or categories. */
interface BarData {
  labels: string[];
  real: number[];
  synthetic: number[];
}

function frame(W: number, H: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
  ];
}

function legend(out: string[], x: number, y: number): void {
  [['real', REAL], ['synthetic', SYNTH]].forEach(([name, col], i) => {
    out.push(`<rect x="${x}" y="${y + i * 14}" width="10" height="10" fill="${col}" fill-opacity="0.7"/>`);
    out.push(`<text x="${x + 14}" y="${y + i * 14 + 9}">${name}</text>`);
  });
}

/** Grouped bars (real beside synthetic) of relative frequencies, one group per label. */
function barsSvg(d: BarData, title: string, numericAxis: { lo: number; hi: number } | null): string {
  const W = 460, H = 260, m = { l: 48, r: 90, t: 28, b: numericAxis ? 34 : 70 };
  const pw = W - m.l - m.r, ph = H - m.t - m.b;
  const ymax = Math.max(1e-12, ...d.real, ...d.synthetic);
  const yt = niceTicks(0, ymax, 5);
  const sy = (v: number): number => m.t + ph - (v / yt.hi) * ph;
  const out = frame(W, H, title);
  for (const t of yt.ticks) {
    out.push(`<line x1="${m.l}" y1="${f1(sy(t))}" x2="${m.l + pw}" y2="${f1(sy(t))}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 4}" y="${f1(sy(t))}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatTick(t))}</text>`);
  }
  const n = d.labels.length, gw = pw / Math.max(1, n);
  const bw = numericAxis ? gw / 2 : Math.max(1, (gw * 0.8) / 2);
  d.labels.forEach((label, i) => {
    const x0 = m.l + i * gw + (numericAxis ? 0 : gw * 0.1);
    out.push(`<rect x="${f1(x0)}" y="${f1(sy(d.real[i]))}" width="${f1(bw)}" height="${f1(m.t + ph - sy(d.real[i]))}" fill="${REAL}" fill-opacity="0.7"><title>${escapeXml(`${label}: real ${d.real[i].toFixed(4)}`)}</title></rect>`);
    out.push(`<rect x="${f1(x0 + bw)}" y="${f1(sy(d.synthetic[i]))}" width="${f1(bw)}" height="${f1(m.t + ph - sy(d.synthetic[i]))}" fill="${SYNTH}" fill-opacity="0.7"><title>${escapeXml(`${label}: synthetic ${d.synthetic[i].toFixed(4)}`)}</title></rect>`);
    if (!numericAxis) {
      const cx = f1(m.l + (i + 0.5) * gw), text = label.length > 14 ? `${label.slice(0, 13)}…` : label;
      out.push(`<text transform="translate(${cx} ${m.t + ph + 8}) rotate(45)" font-size="10">${escapeXml(text)}</text>`);
    }
  });
  if (numericAxis) {
    const xt = niceTicks(numericAxis.lo, numericAxis.hi, 5);
    for (const t of xt.ticks) {
      if (t < numericAxis.lo || t > numericAxis.hi) continue;
      const x = f1(m.l + ((t - numericAxis.lo) / (numericAxis.hi - numericAxis.lo || 1)) * pw);
      out.push(`<line x1="${x}" y1="${m.t + ph}" x2="${x}" y2="${m.t + ph + 4}" stroke="#333"/>`);
      out.push(`<text x="${x}" y="${m.t + ph + 16}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
    }
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text transform="translate(12 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">frequency</text>`);
  legend(out, m.l + pw + 10, m.t + 4);
  out.push('</svg>');
  return out.join('\n');
}

/** Histograms of a numeric column (missing cells left out), 30 bins over the pooled range. */
export function histogramSvg(real: Float64Array, synthetic: Float64Array, title: string, bins = 30): string {
  let lo = Infinity, hi = -Infinity;
  for (const t of [real, synthetic]) for (const v of t) if (!Number.isNaN(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(lo <= hi)) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const hist = (v: Float64Array): number[] => {
    const h = new Array<number>(bins).fill(0);
    let n = 0;
    for (const x of v) if (!Number.isNaN(x)) { h[Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins))]++; n++; }
    return h.map((c) => (n > 0 ? c / n : 0));
  };
  const labels = Array.from({ length: bins }, (_, i) => `[${formatTick(lo + (i * (hi - lo)) / bins)}, ${formatTick(lo + ((i + 1) * (hi - lo)) / bins)})`);
  return barsSvg({ labels, real: hist(real), synthetic: hist(synthetic) }, title, { lo, hi });
}

/** Category frequencies, real beside synthetic, the `top` most frequent real categories (the rest pooled). */
export function categoryBarsSvg(real: Float64Array, synthetic: Float64Array, categories: string[], title: string, top = 20): string {
  const freq = (v: Float64Array): Map<number, number> => {
    const m = new Map<number, number>();
    for (const x of v) m.set(x, (m.get(x) ?? 0) + 1 / v.length);
    return m;
  };
  const fr = freq(real), fs = freq(synthetic);
  const codes = [...new Set([...fr.keys(), ...fs.keys()])].sort((a, b) => (fr.get(b) ?? 0) - (fr.get(a) ?? 0) || (fs.get(b) ?? 0) - (fs.get(a) ?? 0));
  const shown = codes.slice(0, top), rest = codes.slice(top);
  const name = (c: number): string => (Number.isNaN(c) ? '(missing)' : categories[c] ?? `#${c}`);
  const d: BarData = { labels: shown.map(name), real: shown.map((c) => fr.get(c) ?? 0), synthetic: shown.map((c) => fs.get(c) ?? 0) };
  if (rest.length > 0) {
    d.labels.push(`(${rest.length} more)`);
    d.real.push(rest.reduce((s, c) => s + (fr.get(c) ?? 0), 0));
    d.synthetic.push(rest.reduce((s, c) => s + (fs.get(c) ?? 0), 0));
  }
  return barsSvg(d, title, null);
}

/** Red (0) → yellow (0.5) → green (1), as SDMetrics' pair-trend colour scale. */
export function scoreColor(v: number): string {
  if (!Number.isFinite(v)) return '#b0b0b0';
  const t = Math.max(0, Math.min(1, v));
  const mix = (a: number[], b: number[], u: number) => a.map((x, i) => Math.round(x + (b[i] - x) * u));
  const [r, g, b] = t < 0.5 ? mix([214, 39, 40], [255, 205, 60], t / 0.5) : mix([255, 205, 60], [44, 160, 44], (t - 0.5) / 0.5);
  return `rgb(${r},${g},${b})`;
}

/** A symmetric heat-map of pair scores in [0, 1] (NaN grey), `names` on both axes, values printed. */
export function heatmapSvg(names: string[], score: (i: number, j: number) => number, title: string): string {
  const n = names.length, cell = Math.max(18, Math.min(44, Math.floor(560 / Math.max(1, n))));
  const lab = 7 * Math.min(18, Math.max(4, ...names.map((s) => s.length))) + 10;
  const W = lab + n * cell + 70, H = 30 + n * cell + lab;
  const out = frame(W, H, title);
  const short = (s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);
  for (let i = 0; i < n; i++) {
    const y = 30 + i * cell;
    out.push(`<text x="${lab - 4}" y="${f1(y + cell / 2)}" text-anchor="end" dominant-baseline="middle">${escapeXml(short(names[i]))}</text>`);
    out.push(`<text transform="translate(${f1(lab + i * cell + cell / 2)} ${30 + n * cell + 4}) rotate(45)">${escapeXml(short(names[i]))}</text>`);
    for (let j = 0; j < n; j++) {
      const v = i === j ? 1 : score(i, j);
      const x = lab + j * cell;
      out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${scoreColor(v)}" stroke="#fff"><title>${escapeXml(`${names[i]} × ${names[j]}: ${Number.isFinite(v) ? v.toFixed(4) : 'n/a'}`)}</title></rect>`);
      if (cell >= 28 && Number.isFinite(v) && i !== j) out.push(`<text x="${f1(x + cell / 2)}" y="${f1(y + cell / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="9">${v.toFixed(2)}</text>`);
    }
  }
  // colour bar
  const bx = lab + n * cell + 16;
  for (let k = 0; k < 20; k++) out.push(`<rect x="${bx}" y="${f1(30 + ((19 - k) * n * cell) / 20)}" width="14" height="${f1((n * cell) / 20 + 0.5)}" fill="${scoreColor((k + 0.5) / 20)}"/>`);
  out.push(`<text x="${bx + 18}" y="38">1</text>`, `<text x="${bx + 18}" y="${30 + n * cell}">0</text>`);
  out.push('</svg>');
  return out.join('\n');
}
