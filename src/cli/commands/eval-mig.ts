// `genlab eval mig DIR`: the mutual information gap (Chen et al. 2018) of a latent model trained on
// the procedural dSprites-like shapes (Matthey et al. 2017), on fresh sprites with known factors.
import { evaluateMig } from '../../node/session-evals.js';
import { SHAPE_FACTOR_NAMES } from '../../data/shapes.js';
import { intOption, JSON_ROW, printResult, seedRow, seedOption, type RunCommand } from '../options.js';

/** `genlab eval mig DIR`: the mutual information gap on fresh sprites. */
export const migCommand: RunCommand = {
  name: 'mig', needs: ['latent'], dir: 'run directory (e.g. beta-vae)',
  description: 'Mutual information gap (disentanglement) of a model trained on data.name=shapes',
  options: [['--n <n>', 'sprites to encode', '10000'], ['--bins <b>', 'bins per latent dimension', '20'], seedRow('20180101', 'seed of the sprites'), JSON_ROW],
  run(s, o, dir) {
    const r = evaluateMig(s, { n: intOption('n', o.n, 10000), bins: intOption('bins', o.bins, 20), seed: seedOption(o.seed) });
    const perFactor = Object.fromEntries(r.perFactor.map((p, i) => [SHAPE_FACTOR_NAMES[i], { gap: p.gap, bestLatent: p.bestLatent }]));
    const lines = [`MIG ${r.mig.toFixed(4)} on ${r.n} sprites\n`];
    for (const [name, p] of Object.entries(perFactor)) lines.push(`  ${name.padEnd(9)} gap ${p.gap.toFixed(4)} (latent ${p.bestLatent})\n`);
    printResult(o, { model: s.spec.id, dir, step: s.step, n: r.n, mig: r.mig, perFactor }, lines.join(''));
  },
};
