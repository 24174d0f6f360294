// Re-evaluates a trained 2-D run (not part of `npm test`): MMD² (RBF, h = 0.1 and 0.5) of 1000 samples
// against 1000 held-out points, ring-8 mode coverage, scatter (and energy landscape) PNGs beside the run.
// Usage: npx tsx test/diffusion/eval-2d.ts RUN_DIR [sampleSteps]
import { writeFileSync } from 'node:fs';
import { initNodeEngine } from '../../src/node/engine.js';
import { openSession } from '../../src/node/session.js';
import { Rng } from '../../src/random/rng.js';
import { modeCoverage } from '../../src/metrics/mode-coverage.js';
import { RING8 } from '../../src/data/toy2d.js';
import { encodePng } from '../../src/node/png-codec.js';
import { scatterPlot } from '../../src/io/png.js';
import type { EnergyModel } from '../../src/models/ebm/ebm.js';
import { rbfMmd2 } from './mmd.js';

const [dir, stepsArg] = process.argv.slice(2);
await initNodeEngine('wasm');
const s = await openSession({ checkpoint: dir });
const N = 1000;
const ref = s.data.test.batch(Array.from({ length: N }, (_, i) => i));
const x = s.recipe.withSamplingWeights(() => s.model.sample(N, new Rng(2024), stepsArg ? { steps: Number(stepsArg) } : {}));
const pts = x.dataSync() as Float32Array;
const row: Record<string, unknown> = { dir, id: s.spec.id, data: s.config.data.name, step: s.step, mmd2_h0_1: rbfMmd2(pts, ref.x.dataSync(), 2, 0.1), mmd2_h0_5: rbfMmd2(pts, ref.x.dataSync(), 2, 0.5) };
if (s.config.data.name === 'ring-8') {
  const mc = modeCoverage(pts, RING8);
  Object.assign(row, { modesCovered: mc.modesCovered, highQuality: mc.highQuality, counts: mc.counts, modesCovered5sigma: modeCoverage(pts, RING8, { radiusSigmas: 5 }).modesCovered });
}
writeFileSync(`${dir}/eval-samples.png`, encodePng(scatterPlot(pts, { range: [-3, 3], title: `${s.spec.id} ${s.config.data.name}` })));
const em = s.model as Partial<EnergyModel>;
if (em.energyLandscape) writeFileSync(`${dir}/energy.png`, encodePng(s.recipe.withSamplingWeights(() => em.energyLandscape!())));
process.stdout.write(JSON.stringify(row) + '\n');
s.dispose();
