// Self-contained HTML run report (in the spirit of TensorBoard's summary page, without a server):
// inline SVG loss curves, PNG images as data: URIs, metrics, engine, timing, config and command.
import type { EngineInfo } from '../engine/backend.js';
import { escapeXml, lineChartSvg, type ChartSeries } from './svg-chart.js';

/** One row of the training log: the step and any number of named scalars. */
export interface LogRow {
  step: number;
  [key: string]: number;
}

/** One chart of the report: which log keys it plots. */
export interface ReportChart {
  title: string;
  keys: string[];
  logY?: boolean;
}

/** Everything `renderReport` draws; all sections but the title and model id are optional. */
export interface RunReport {
  title: string;
  modelId: string;
  /** Backend details, usually `engineInfo()`. */
  engine?: EngineInfo | { [key: string]: unknown };
  /** `steps` trained in this run, from step `firstStep` (1 unless resumed). */
  timing?: { wallTimeSec: number; steps?: number; firstStep?: number; startedAt?: string };
  /** Final metrics, shown as a table. */
  metrics?: Record<string, number>;
  /** Training log rows `{ step, ...scalars }`, drawn as line charts. */
  log?: LogRow[];
  /** Explicit chart grouping; default groups keys by prefix before '/' or '.', and all '*loss*' keys together. */
  charts?: ReportChart[];
  /** Named images: PNG bytes or their base64 text. */
  images?: { name: string; png: Uint8Array | string; caption?: string }[];
  /** Named text samples (text models), shown preformatted. */
  texts?: { name: string; text: string; caption?: string }[];
  /** The resolved config, shown as pretty JSON. */
  config?: unknown;
  /** The command line that produced the run. */
  command?: string | string[];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard (RFC 4648) base64 of bytes, without Node's Buffer so it also runs in browsers. */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1], c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out.push(
      B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (b === undefined ? '=' : B64[(n >> 6) & 63]) + (c === undefined ? '=' : B64[n & 63]),
    );
  }
  return out.join('');
}

const esc = escapeXml;

/** Formats a scalar for tables: up to 6 significant digits, NaN/Inf spelled out. */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e6 || a < 1e-4) ? v.toExponential(4) : String(+v.toPrecision(6));
  }
  if (v === undefined || v === null) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return String(sec);
  if (sec < 60) return `${sec.toFixed(1)} s`;
  const h = Math.floor(sec / 3600), m = Math.floor((sec % 3600) / 60), s = Math.round(sec % 60);
  return h > 0 ? `${h} h ${m} min ${s} s` : `${m} min ${s} s`;
}

function table(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

/** The default chart grouping: log keys by prefix before '/' or '.', with bare '*loss*' keys on one chart. */
export function defaultCharts(log: LogRow[]): ReportChart[] {
  const keys: string[] = [];
  for (const row of log) for (const k of Object.keys(row)) if (k !== 'step' && !keys.includes(k) && typeof row[k] === 'number') keys.push(k);
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const sep = k.search(/[/.]/);
    const g = sep > 0 ? k.slice(0, sep) : /loss/i.test(k) ? 'loss' : k;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(k);
  }
  return [...groups].map(([title, ks]) => ({ title, keys: ks }));
}

/** Readable titles for the log keys that genlab's trainer writes. */
const CHART_LABELS: Record<string, string> = { ms: 'ms per step', lr: 'learning rate' };

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function configJson(config: unknown): string {
  return JSON.stringify(
    config,
    (_k, v) => (typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  ) ?? String(config);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}
th{background:#f6f6f6;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f6f6f6;padding:.8rem;overflow:auto}figure{display:inline-block;margin:.5rem;vertical-align:top}
figure img{image-rendering:pixelated;max-width:100%;border:1px solid #ddd}figure.text{display:block}.sub{color:#666}`;

/** Renders a run as one self-contained HTML page (no scripts, no external assets). */
export function renderReport(r: RunReport): string {
  const s: string[] = [];
  s.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">');
  s.push(`<title>${esc(r.title)}</title><style>${STYLE}</style></head><body>`);
  s.push(`<h1>${esc(r.title)}</h1>`, `<p class="sub">model <code>${esc(r.modelId)}</code></p>`);

  const info: [string, string][] = [['model', r.modelId]];
  if (r.engine) for (const [k, v] of Object.entries(r.engine)) if (v !== undefined) info.push([`engine.${k}`, formatValue(v)]);
  if (r.timing) {
    const { wallTimeSec, steps, firstStep = 1, startedAt } = r.timing;
    if (startedAt) info.push(['started', startedAt]);
    info.push(['wall time', formatDuration(wallTimeSec)]);
    if (steps !== undefined) {
      info.push(['steps', firstStep > 1 ? `${steps} (steps ${firstStep}–${firstStep + steps - 1}, resumed)` : String(steps)]);
      if (wallTimeSec > 0) info.push(['steps/s', formatValue(steps / wallTimeSec)]);
    }
  }
  s.push('<h2>Run</h2>', table(info));

  if (r.metrics && Object.keys(r.metrics).length > 0) {
    s.push('<h2>Final metrics</h2>', '<table><tr><th>metric</th><th>value</th></tr>');
    for (const [k, v] of Object.entries(r.metrics)) s.push(`<tr><td>${esc(k)}</td><td class="num">${esc(formatValue(v))}</td></tr>`);
    s.push('</table>');
  }

  if (r.log && r.log.length > 0) {
    s.push('<h2>Curves</h2>');
    for (const c of r.charts ?? defaultCharts(r.log)) {
      const series: ChartSeries[] = c.keys.map((k) => ({
        name: k,
        points: r.log!.filter((row) => row[k] !== undefined).map((row) => [row.step, row[k]] as [number, number]),
      }));
      const label = CHART_LABELS[c.title] ?? c.title;
      s.push(`<div class="chart">${lineChartSvg(series, { title: label, xLabel: 'step', yLabel: label, logY: c.logY })}</div>`);
    }
  }

  if (r.images && r.images.length > 0) {
    s.push('<h2>Images</h2>');
    for (const im of r.images) {
      const b64 = typeof im.png === 'string' ? im.png : toBase64(im.png);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error(`renderReport: image "${im.name}" is not base64 PNG data.`);
      s.push(
        `<figure><img alt="${esc(im.name)}" src="data:image/png;base64,${b64}"><figcaption>${esc(im.caption ?? im.name)}</figcaption></figure>`,
      );
    }
  }

  if (r.texts && r.texts.length > 0) {
    s.push('<h2>Text samples</h2>');
    for (const t of r.texts) s.push(`<figure class="text"><pre class="sample">${esc(t.text)}</pre><figcaption>${esc(t.caption ?? t.name)}</figcaption></figure>`);
  }

  if (r.config !== undefined) s.push('<h2>Config</h2>', `<pre class="config">${esc(configJson(r.config))}</pre>`);
  if (r.command !== undefined) {
    const cmd = Array.isArray(r.command) ? r.command.map(quoteArg).join(' ') : r.command;
    s.push('<h2>Command</h2>', `<pre class="command">${esc(cmd)}</pre>`);
  }
  s.push('</body></html>');
  return s.join('\n');
}
