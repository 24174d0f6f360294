// Acceptance run for issue 6 on 2-D data (not part of `npm test`): DDPM and score models vs a plain GAN
// trained for the same wall time (MMD², RBF kernel), and EBM mode coverage on the ring of 8.
// Usage: npx tsx test/diffusion/acceptance-2d.ts [steps=3000] [ebmSteps=1000] > log.jsonl
import { trainRun } from '../../src/node/train-run.js';
import { Rng } from '../../src/random/rng.js';
import { modeCoverage } from '../../src/metrics/mode-coverage.js';
import { RING8 } from '../../src/data/toy2d.js';
import { encodePng } from '../../src/node/png-codec.js';
import { scatterPlot } from '../../src/io/png.js';
import type { EnergyModel } from '../../src/models/ebm/ebm.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import { rbfMmd2 } from './mmd.js';

const steps = Number(process.argv[2] ?? 3000);
const ebmSteps = Number(process.argv[3] ?? 1000);
const OUT = 'runs/acceptance-2d';
mkdirSync(OUT, { recursive: true });
const N = 1000;

async function run(id: string, data: string, overrides: string[], wallLimitSec?: number, preset?: string) {
  const ctl = new AbortController();
  const t0 = performance.now();
  const r = await trainRun({
    modelId: id, preset, overrides: [`data.name=${data}`, ...overrides], out: `${OUT}/${id}-${data}`, backend: 'wasm', skipArtifacts: true, signal: ctl.signal,
    onEvent: (e) => { if (wallLimitSec && e.type === 'step' && (performance.now() - t0) / 1000 >= wallLimitSec) ctl.abort(); },
  });
  const wall = (performance.now() - t0) / 1000;
  const ref = r.session.data.test.batch(Array.from({ length: N }, (_, i) => i));
  const x = r.session.recipe.withSamplingWeights(() => r.session.model.sample(N, new Rng(2024)));
  const pts = x.dataSync() as Float32Array;
  const row: Record<string, unknown> = { id, data, steps: r.result.step, wallSec: +wall.toFixed(1), mmd2_h0_1: rbfMmd2(pts, ref.x.dataSync(), 2, 0.1), mmd2_h0_5: rbfMmd2(pts, ref.x.dataSync(), 2, 0.5) };
  if (data === 'ring-8') {
    const mc = modeCoverage(pts, RING8);
    Object.assign(row, { modesCovered: mc.modesCovered, highQuality: mc.highQuality, modesCovered5sigma: modeCoverage(pts, RING8, { radiusSigmas: 5 }).modesCovered });
  }
  writeFileSync(`${OUT}/${id}-${data}.png`, encodePng(scatterPlot(pts, { range: [-3, 3], title: `${id} ${data}` })));
  const em = r.session.model as Partial<EnergyModel>;
  if (em.energyLandscape) writeFileSync(`${OUT}/${id}-${data}-energy.png`, encodePng(r.session.recipe.withSamplingWeights(() => em.energyLandscape!())));
  process.stdout.write(JSON.stringify(row) + '\n');
  x.dispose();
  ref.x.dispose();
  ref.y?.dispose();
  r.session.dispose();
  return wall;
}

for (const data of ['ring-8', 'swiss-roll']) {
  const wall = await run('ddpm-2d', data, [`train.steps=${steps}`]);
  await run('score-2d', data, [`train.steps=${steps}`]);
  await run('gan', data, ['train.steps=1000000'], wall);
}
// the EBM's `toy` preset: Fourier features at scale 0.3 (see src/models/ebm/spec.ts)
await run('ebm', 'ring-8', [`train.steps=${ebmSteps}`], undefined, 'toy');
