// `genlab sample DIR`: draw samples from a trained run into a PNG grid (or scatter for 2-D data).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderInterpolation, renderSamples } from '../../node/artifacts.js';
import { encodePng } from '../../node/png-codec.js';
import { countRow, intOption, modelAs, outRow, seedOption, seedRow , type RunCommand } from '../options.js';
import { hasSamplerFlags, samplerOptions, withSamplerFlags } from './diffusion-common.js';
import { Rng } from '../../random/rng.js';
import { imageGrid, scatterPlot, type RgbaImage } from '../../io/png.js';
import { isEnergyLandscapeModel, type Need } from '../../models/types.js';
import type { Session } from '../../node/session.js';

function draw(s: Session, o: Record<string, any>, n: number, seed: number): RgbaImage {
  if (o.interpolate) {
    const img = renderInterpolation(s, 8, 10, o.interpolate);
    if (!img) throw new Error(`Interpolations are drawn for image runs; ${s.data.test.name} is ${s.data.test.kind} data.`);
    return img;
  }
  if (!hasSamplerFlags(o)) return renderSamples(s, n, seed);
  const x = s.recipe.withSamplingWeights(() => s.model.sample(n, new Rng(seed), samplerOptions(o, n)));
  const img = x.shape.length === 4 ? imageGrid(x, n, x.shape[1]!, x.shape[2]!, x.shape[3]!) : scatterPlot(x.dataSync() as Float32Array, {});
  x.dispose();
  return img;
}

/** `genlab sample DIR`: a sample grid/scatter, latent interpolations, or an energy landscape. */
export const sampleCommand: RunCommand = {
  name: 'sample',
  description: 'Sample a trained model into a PNG',
  dir: 'run directory written by `genlab train`',
  options: [
    countRow('samples', '64'),
    outRow('DIR/samples-seed<S>.png'),
    seedRow('1234'),
    ['--interpolate <method>', 'instead of samples, decode latent interpolations (lerp | slerp)'],
    ['--energy', 'energy-based 2-D models: also write the energy landscape heatmap (DIR/energy.png)'],
  ],
  extend: withSamplerFlags,
  check(o) {
    intOption('n', o.n, 64);
    seedOption(o.seed);
    if (o.interpolate && o.interpolate !== 'lerp' && o.interpolate !== 'slerp') throw new Error(`--interpolate must be lerp or slerp, got "${o.interpolate}".`);
  },
  needs: (o) => [o.interpolate ? 'latent' : 'sample', ...(o.energy ? ['energy' as Need] : [])],
  async run(s, o, dir) {
    const seed = seedOption(o.seed);
    const img = draw(s, o, intOption('n', o.n, 64), seed);
    if (o.energy) {
      const m = modelAs(s, isEnergyLandscapeModel);
      const file = path.join(dir, 'energy.png');
      await writeFile(file, encodePng(s.recipe.withSamplingWeights(() => m.energyLandscape())));
      process.stdout.write(`${file}\n`);
    }
    const out = o.out ?? path.join(dir, o.interpolate ? `interpolation-${o.interpolate}.png` : `samples-seed${seed}.png`);
    await writeFile(out, encodePng(img));
    process.stdout.write(`${out}\n`);
  },
};
