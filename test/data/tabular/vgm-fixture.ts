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
