// `genlab eval nll DIR`: likelihood (IWAE NLL) of a run; feature-based metrics live in eval-features.ts.
import { evaluateNll } from '../../node/eval-nll.js';
import { intOption, JSON_ROW, printResult, seedRow, seedOption, type RunCommand } from '../options.js';

/** `genlab eval nll DIR`: the IWAE bound on binarised test data. */
export const nllCommand: RunCommand = {
  name: 'nll', needs: ['likelihood'], dir: 'run directory of a likelihood model (e.g. vae)',
  description: 'Importance-weighted (IWAE) negative log-likelihood on binarised test data, in nats',
  options: [['--k <k>', 'importance samples per example', '500'], ['--n <n>', 'test examples', '1000'], seedRow('0', 'seed of the importance samples'), JSON_ROW],
  run(s, o, dir) {
    const r = evaluateNll(s, {
      k: intOption('k', o.k, 500),
      n: intOption('n', o.n, 1000),
      seed: seedOption(o.seed),
      onProgress: o.json ? undefined : (d, t) => process.stderr.write(`\r${d}/${t} examples`),
    });
    const human = `\nIWAE NLL (k=${r.k}, n=${r.n}): ${r.nll.toFixed(2)} ± ${r.stderr.toFixed(2)} nats (${r.seconds.toFixed(1)} s)\n`;
    printResult(o, { model: s.spec.id, dir, step: s.step, dataset: `${s.config.data.name}/test`, ...r }, human);
  },
};
