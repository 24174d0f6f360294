// The tabular evaluation as one self-contained HTML page (no scripts, no external requests), after
// SDMetrics' QualityReport plots: score tables, per-column real-vs-synthetic charts, the pair heat-map.
import { isNumericKind, type TypedTable } from '../../data/tabular/types.js';
import { escapeXml as esc } from '../../io/svg-chart.js';
import { categoryBarsSvg, heatmapSvg, histogramSvg, scoreColor } from './charts.js';
import type { TabularEvaluation } from './evaluate.js';
import type { PairTrend } from './pair-trends.js';

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}
th{background:#f6f6f6;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{display:inline-block;margin:.4rem;vertical-align:top}figcaption{font-size:.85rem;color:#444}.sub{color:#666}`;

const fmt = (v: number | undefined, digits = 4): string => (v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits));

function table(header: string[], rows: (string | number | undefined)[][]): string {
  const cell = (v: string | number | undefined) => (typeof v === 'number' || v === undefined ? `<td class="num">${fmt(v as number)}</td>` : `<td>${esc(v)}</td>`);
  return `<table><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</table>`;
}

/** Pair score lookup by column index, from the pair list of columnPairTrends (i < j in schema order). */
function pairLookup(names: string[], pairs: PairTrend[], value: (p: PairTrend) => number): (i: number, j: number) => number {
  const m = new Map<string, number>();
  for (const p of pairs) m.set(`${names.indexOf(p.column1)},${names.indexOf(p.column2)}`, value(p));
  return (i, j) => m.get(i < j ? `${i},${j}` : `${j},${i}`) ?? NaN;
}

/**
 * Renders an evaluation (at least its quality part) of `synthetic` against `real` as HTML: overall
 * scores, utility and privacy tables when present, one chart per column and the pair-trend heat-maps.
 */
export function renderTabularReport(
  result: Pick<TabularEvaluation, 'quality'> & Partial<TabularEvaluation>, real: TypedTable, synthetic: TypedTable, title = 'Synthetic table evaluation',
): string {
  const q = result.quality;
  const cols = real.schema.columns, names = cols.map((c) => c.name);
  const s: string[] = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${esc(title)}</title><style>${STYLE}</style></head><body>`];
  s.push(`<h1>${esc(title)}</h1>`, `<p class="sub">${real.rows} real rows, ${synthetic.rows} synthetic rows, ${cols.length} columns; definitions as SDMetrics' QualityReport (numeric pairs binned: ${esc(q.binning)}).</p>`);
  const scored = (ps: PairTrend[]) => String(ps.filter((x) => x.meetsThreshold && Number.isFinite(x.score)).length);
  s.push('<h2>Fidelity</h2>', table(['score', 'all pairs (SDMetrics < 0.27)', `thresholded (|ρ| > ${q.thresholds.correlation}, V > ${q.thresholds.association})`], [
    ['quality', q.quality, q.qualityThresholded],
    ['column shapes', q.columnShapes, q.columnShapes],
    ['column-pair trends', q.columnPairTrends, q.columnPairTrendsThresholded],
    ['pairs scored', scored(q.pairs), scored(q.thresholdedPairs)],
  ]));

  const u = result.utility;
  if (u) {
    s.push('<h2>Utility (train on synthetic, test on real)</h2>', `<p class="sub">target <code>${esc(u.target)}</code> = <code>${esc(u.positive)}</code>; hold-out positive rate ${fmt(u.holdoutPositiveRate, 3)}.</p>`);
    const rows: (string | number)[][] = [];
    for (const kind of Object.keys(u.real) as (keyof typeof u.real)[]) {
      for (const side of ['synthetic', 'real'] as const) {
        const sc = u[side][kind];
        if (sc) rows.push([kind, side, sc.f1, sc.accuracy, sc.auroc]);
      }
    }
    s.push(table(['classifier', 'trained on', 'F1', 'accuracy', 'AUROC'], rows));
  }

  const p = result.privacy;
  if (p) {
    s.push('<h2>Privacy (distance to closest training record)</h2>');
    s.push(table(['rows', 'DCR 5th percentile', 'DCR median', 'exact copies'], [
      ['synthetic → training', p.synthetic.p5, p.synthetic.median, p.exactCopyRate],
      ...(p.holdout ? [['real hold-out → training', p.holdout.p5, p.holdout.median, p.holdoutCopyRate] as (string | number | undefined)[]] : []),
    ]));
    s.push('<p class="sub">Euclidean over range-scaled numeric cells and 0/1 category mismatches; synthetic rows much closer than hold-out rows suggest memorisation.</p>');
  }

  s.push('<h2>Column shapes</h2>', table(['column', 'kind', 'metric', 'score'], q.shapes.map((sh, i) => [sh.column, cols[i].kind, sh.metric, sh.score])));
  s.push('<div>');
  cols.forEach((col, c) => {
    const caption = `${col.name} (${col.kind}) — ${q.shapes[c].metric} ${fmt(q.shapes[c].score)}`;
    const svg = isNumericKind(col.kind)
      ? histogramSvg(real.columns[c], synthetic.columns[c], col.name)
      : categoryBarsSvg(real.columns[c], synthetic.columns[c], col.categories ?? [], col.name);
    s.push(`<figure>${svg}<figcaption style="border-left:6px solid ${scoreColor(q.shapes[c].score)};padding-left:4px">${esc(caption)}</figcaption></figure>`);
  });
  s.push('</div>');

  s.push('<h2>Column-pair trends</h2>');
  s.push(`<figure>${heatmapSvg(names, pairLookup(names, q.pairs, (x) => x.score), 'pair score (all pairs)')}</figure>`);
  const numeric = q.pairs.filter((x) => x.metric === 'CorrelationSimilarity' && Number.isFinite(x.realCorrelation));
  if (numeric.length > 0) {
    // correlations in [−1, 1] drawn on the [0, 1] scale as (ρ + 1)/2 would mislead; show |ρ| real vs synthetic instead
    s.push(`<figure>${heatmapSvg(names, pairLookup(names, q.pairs, (x) => Math.abs(x.realCorrelation)), '|ρ| real')}</figure>`);
    s.push(`<figure>${heatmapSvg(names, pairLookup(names, q.pairs, (x) => Math.abs(x.syntheticCorrelation)), '|ρ| synthetic')}</figure>`);
  }
  const worst = [...q.pairs].filter((x) => Number.isFinite(x.score)).sort((a, b) => a.score - b.score).slice(0, 10);
  s.push('<p class="sub">The ten lowest-scoring pairs:</p>', table(['column 1', 'column 2', 'metric', 'score', 'ρ real', 'ρ synthetic'], worst.map((x) => [x.column1, x.column2, x.metric, x.score, x.realCorrelation, x.syntheticCorrelation])));
  s.push('</body></html>');
  return s.join('\n');
}
