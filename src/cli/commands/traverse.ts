// `genlab traverse DIR`: a latent-traversal PNG, one row per latent dimension (Higgins et al. 2017, fig. 7).
import path from 'node:path';
import { renderTraversal } from '../../node/session-evals.js';
import { encodePng } from '../../node/png-codec.js';
import { intOption, outRow , type RunCommand } from '../options.js';
import { checkSampleCount } from '../limits.js';
import { checkOutputFile, writeOutput } from '../../node/run-dir.js';

function traversalFlags(o: Record<string, string>): { steps: number; range: number; index: number } {
  const range = Number(o.range);
  if (!(range > 0)) throw new Error(`--range must be a positive number, got "${o.range}".`);
  const index = Number(o.index);
  if (!Number.isInteger(index) || index < 0) throw new Error(`--index must be a non-negative integer, got "${o.index}".`);
  return { steps: intOption('steps', o.steps, 10), range, index };
}

/** `genlab traverse DIR`: one row per latent dimension. */
export const traverseCommand: RunCommand = {
  name: 'traverse', needs: ['latent'], dir: 'run directory of a latent image model (vae, beta-vae)',
  description: 'Latent traversal PNG: row j sweeps latent j around a test image\'s code',
  options: [
    ['--steps <n>', 'values per row', '10'],
    ['--range <r>', 'sweep from −r to r', '2.5'],
    ['--index <i>', 'test example whose code is the centre', '0'],
    outRow('DIR/traversal.png'),
  ],
  check: traversalFlags,
  async run(s, o, dir) {
    checkSampleCount('steps', traversalFlags(o).steps, s.data.train.shape, 'Pass a smaller --steps.');
    const out = o.out ?? path.join(dir, 'traversal.png');
    await checkOutputFile(out);
    await writeOutput(out, encodePng(renderTraversal(s, traversalFlags(o))));
    process.stdout.write(`${out}\n`);
  },
};
