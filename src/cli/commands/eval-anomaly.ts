// `genlab eval anomaly DIR`: one-class anomaly detection with a VAE's −log p̂(x) as the score
// (An & Cho 2015): AUROC and AUPRC of "not the normal class" on the test split.
import { evaluateAnomaly } from '../../node/session-evals.js';
import { intOption, JSON_ROW, printResult, seedRow, seedOption, type RunCommand } from '../options.js';

function normalClasses(v: string | undefined): number[] | undefined {
  return v === undefined ? undefined : String(v).split(',').map((t) => {
    const k = Number(t.trim());
    if (!Number.isInteger(k) || k < 0) throw new Error(`--normal-class takes class indices like 3 or 3,5; got "${v}".`);
    return k;
  });
}

/** `genlab eval anomaly DIR`: AUROC/AUPRC of −log p̂(x) against the normal class. */
export const anomalyCommand: RunCommand = {
  name: 'anomaly', needs: ['likelihood'], dir: 'run directory of a likelihood model trained on the normal class (e.g. vae --data.trainClasses 3)',
  description: 'One-class anomaly detection: score = negative ELBO / IWAE bound; AUROC and AUPRC (normal class vs the rest) on the test split',
  options: [
    ['--normal-class <k>', 'label(s) of the normal class, comma-separated (default: the run\'s data.trainClasses)'],
    ['--k <k>', 'importance samples per score (1 = negative ELBO)', '1'],
    ['--n <n>', 'test examples (default all)'],
    seedRow('0', 'seed of the posterior samples'),
    JSON_ROW,
  ],
  check: (o) => normalClasses(o.normalClass),
  run(s, o, dir) {
    const n = o.n === undefined ? undefined : intOption('n', o.n, 1);
    const r = evaluateAnomaly(s, { normalClasses: normalClasses(o.normalClass), k: intOption('k', o.k, 1), n, seed: seedOption(o.seed) });
    const human =
      `normal class ${r.normalClasses.join(',')} vs rest (${r.n} test examples, ${r.anomalies} anomalies, k=${r.k}):\n` +
      `  AUROC ${r.auroc.toFixed(4)}  AUPRC ${r.auprc.toFixed(4)}  mean score normal ${r.meanScoreNormal.toFixed(2)} / anomaly ${r.meanScoreAnomaly.toFixed(2)} nats\n`;
    printResult(o, { model: s.spec.id, dir, step: s.step, dataset: `${s.config.data.name}/test`, ...r }, human);
  },
};
