// Loads test/fixtures/tabular-vgm/vgm.json (made by make_vgm_fixtures.py with scikit-learn 1.2.1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Dataset { values: number[]; counts: number[] | null }
export interface SameInit {
  labels: string; weights: number[]; means: number[]; covariances: number[];
  concentrationA: number[]; concentrationB: number[]; meanPrecision: number[]; dof: number[];
  nIter: number; converged: boolean; lowerBound: number; probe: number[]; proba: number[][];
}
export interface ActiveSet { seed: number; means: number[]; weights: number[]; stds: number[] }
export interface VgmFixture {
  datasets: Record<string, Dataset>;
  sameInit: Record<string, SameInit>;
  lloyd: Record<string, { init: number[]; centers: number[]; nIter: number; inertia: number }>;
  seeds: Record<string, ActiveSet[]>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The parsed fixture. */
export const fixture: VgmFixture = JSON.parse(readFileSync(path.join(here, '..', '..', 'fixtures', 'tabular-vgm', 'vgm.json'), 'utf8'));

/** A dataset's values in the order sklearn saw them (distinct values repeated by their counts). */
export function values(name: string): Float64Array {
  const d = fixture.datasets[name];
  if (!d.counts) return Float64Array.from(d.values);
  const out: number[] = [];
  d.values.forEach((v, i) => { for (let c = 0; c < d.counts![i]; c++) out.push(v); });
  return Float64Array.from(out);
}

/** Φ(z) via Numerical Recipes' erfc (fractional error < 1.2e-7): enough for CDF distances of 1e-4. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851632 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Largest gap between a mixture's CDF (renormalised active components) and the data's, at the midpoints between distinct values. */
export function ksToData(m: Omit<ActiveSet, 'seed'>, name: string): number {
  const d = fixture.datasets[name];
  const vals = d.values;
  const counts = d.counts ?? vals.map(() => 1);
  const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
  const n = counts.reduce((a, b) => a + b, 0);
  const tw = m.weights.reduce((s, v) => s + v, 0);
  const cdf = (x: number) => m.means.reduce((s, mu, k) => s + (m.weights[k] / tw) * normalCdf((x - mu) / m.stds[k]), 0);
  let acc = 0;
  let worst = 0;
  for (let j = 0; j < order.length - 1; j++) {
    acc += counts[order[j]];
    worst = Math.max(worst, Math.abs(cdf(0.5 * (vals[order[j]] + vals[order[j + 1]])) - acc / n));
  }
  return worst;
}
