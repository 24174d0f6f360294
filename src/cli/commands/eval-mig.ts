// `genlab eval mig DIR`: the mutual information gap (Chen et al. 2018) of a latent model trained on
// the procedural dSprites-like shapes (Matthey et al. 2017), on fresh sprites with known factors.
import type { Command } from 'commander';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { evaluateMig } from '../../node/session-evals.js';
import { SHAPE_FACTOR_NAMES } from '../../data/shapes.js';
import { globalBackend, intOption } from '../options.js';
import { subcommandOptions } from './eval-anomaly.js';

/** Registers `eval mig` on the `eval` command. */
export function registerEvalMig(evalCmd: Command): void {
  evalCmd
    .command('mig')
    .description('Mutual information gap (disentanglement) of a model trained on data.name=shapes')
    .argument('<dir>', 'run directory (e.g. beta-vae)')
    .option('--n <n>', 'sprites to encode', '10000')
    .option('--bins <b>', 'bins per latent dimension', '20')
    .option('--seed <s>', 'seed of the sprites', '20180101')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, _o, cmd: Command) => {
      const o = subcommandOptions(cmd) as Record<string, string | undefined>;
      await initNodeEngine(globalBackend(cmd));
      const s = await openSession({ checkpoint: dir });
      try {
        const r = evaluateMig(s, { n: intOption('n', o.n, 10000), bins: intOption('bins', o.bins, 20), seed: Number(o.seed) });
        const perFactor = Object.fromEntries(r.perFactor.map((p, i) => [SHAPE_FACTOR_NAMES[i], { gap: p.gap, bestLatent: p.bestLatent }]));
        const out = { model: s.spec.id, dir, step: s.step, n: r.n, mig: r.mig, perFactor };
        if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
        else {
          process.stdout.write(`MIG ${r.mig.toFixed(4)} on ${r.n} sprites\n`);
          for (const [name, p] of Object.entries(perFactor)) process.stdout.write(`  ${name.padEnd(9)} gap ${p.gap.toFixed(4)} (latent ${p.bestLatent})\n`);
        }
      } finally {
        s.dispose();
      }
    });
}
