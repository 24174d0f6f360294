// `genlab traverse DIR`: a latent-traversal PNG, one row per latent dimension (Higgins et al. 2017, fig. 7).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { renderTraversal } from '../../node/session-evals.js';
import { encodePng } from '../../node/png-codec.js';
import { globalBackend, intOption } from '../options.js';

/** Registers `traverse`. */
export function registerTraverse(program: Command): void {
  program
    .command('traverse')
    .description('Latent traversal PNG: row j sweeps latent j around a test image\'s code')
    .argument('<dir>', 'run directory of a latent image model (vae, beta-vae)')
    .option('--steps <n>', 'values per row', '10')
    .option('--range <r>', 'sweep from −r to r', '2.5')
    .option('--index <i>', 'test example whose code is the centre', '0')
    .option('-o, --out <file>', 'output PNG (default DIR/traversal.png)')
    .action(async (dir: string, o, cmd: Command) => {
      await initNodeEngine(globalBackend(cmd));
      const range = Number(o.range);
      if (!(range > 0)) throw new Error(`--range must be a positive number, got "${o.range}".`);
      const index = Number(o.index);
      if (!Number.isInteger(index) || index < 0) throw new Error(`--index must be a non-negative integer, got "${o.index}".`);
      const s = await openSession({ checkpoint: dir });
      try {
        const img = renderTraversal(s, { steps: intOption('steps', o.steps, 10), range, index });
        const out = o.out ?? path.join(dir, 'traversal.png');
        await writeFile(out, encodePng(img));
        process.stdout.write(`${out}\n`);
      } finally {
        s.dispose();
      }
    });
}
