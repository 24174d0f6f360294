// `genlab sample DIR`: draw samples from a trained run into a PNG grid (or scatter for 2-D data).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderInterpolation, renderSamples } from '../../node/artifacts.js';
import { encodePng } from '../../node/png-codec.js';
import { intOption, withRunSession } from '../options.js';
import { hasSamplerFlags, samplerOptions, withSamplerFlags } from './diffusion-common.js';
import { Rng } from '../../random/rng.js';
import { imageGrid, scatterPlot } from '../../io/png.js';

/** Registers `sample`. */
export function registerSample(program: Command): void {
  const cmd = program
    .command('sample')
    .description('Sample a trained model into a PNG')
    .argument('<dir>', 'run directory written by `genlab train`')
    .option('-n, --n <count>', 'number of samples', '64')
    .option('-o, --out <file>', 'output PNG (default DIR/samples-seed<S>.png)')
    .option('--seed <n>', 'sampling seed', '1234')
    .option('--interpolate <method>', 'instead of samples, decode latent interpolations (lerp | slerp)')
    .option('--energy', 'energy-based 2-D models: also write the energy landscape heatmap (DIR/energy.png)');
  withSamplerFlags(cmd).action(async (dir: string, o, cmd: Command) => {
      const n = intOption('n', o.n, 64);
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${o.seed}".`);
      await withRunSession(dir, cmd, async (s) => {
        let img;
        if (o.interpolate) {
          if (o.interpolate !== 'lerp' && o.interpolate !== 'slerp') throw new Error(`--interpolate must be lerp or slerp, got "${o.interpolate}".`);
          img = renderInterpolation(s, 8, 10, o.interpolate);
          if (!img) throw new Error(`Model "${s.spec.id}" has no latent space to interpolate in.`);
        } else if (hasSamplerFlags(o)) {
          const x = s.recipe.withSamplingWeights(() => s.model.sample(n, new Rng(seed), samplerOptions(o, n)));
          img = x.shape.length === 4 ? imageGrid(x, n, x.shape[1]!, x.shape[2]!, x.shape[3]!) : scatterPlot(x.dataSync() as Float32Array, {});
          x.dispose();
        } else {
          img = renderSamples(s, n, seed);
        }
        if (o.energy) {
          const m = s.model as { energyLandscape?: () => import('../../io/png.js').RgbaImage };
          if (typeof m.energyLandscape !== 'function') throw new Error(`Model "${s.spec.id}" has no energy landscape (--energy is for the ebm model).`);
          const file = path.join(dir, 'energy.png');
          await writeFile(file, encodePng(s.recipe.withSamplingWeights(() => m.energyLandscape!())));
          process.stdout.write(`${file}\n`);
        }
        const out = o.out ?? path.join(dir, o.interpolate ? `interpolation-${o.interpolate}.png` : `samples-seed${seed}.png`);
        await writeFile(out, encodePng(img));
        process.stdout.write(`${out}\n`);
      });
    });
}
