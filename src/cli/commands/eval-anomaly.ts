// `genlab eval anomaly DIR`: one-class anomaly detection with a VAE's −log p̂(x) as the score
// (An & Cho 2015): AUROC and AUPRC of "not the normal class" on the test split.
import type { Command } from 'commander';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { evaluateAnomaly } from '../../node/session-evals.js';
import { globalBackend, intOption } from '../options.js';

/**
 * This subcommand's options, including those the parent `eval` command consumed from the command line
 * (it declares --n, --seed and --json too, and commander hands a flag to the first command that knows it).
 */
export function subcommandOptions(cmd: Command): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cmd.opts() };
  const parent = cmd.parent;
  if (!parent) return out;
  const local = new Set(cmd.options.map((opt) => opt.attributeName()));
  for (const [k, v] of Object.entries(parent.opts())) if (local.has(k) && parent.getOptionValueSource(k) === 'cli') out[k] = v;
  return out;
}

/** Registers `eval anomaly` on the `eval` command. */
export function registerEvalAnomaly(evalCmd: Command): void {
  evalCmd
    .command('anomaly')
    .description('One-class anomaly detection: score = negative ELBO / IWAE bound; AUROC and AUPRC (normal class vs the rest) on the test split')
    .argument('<dir>', 'run directory of a likelihood model trained on the normal class (e.g. vae --data.trainClasses 3)')
    .option('--normal-class <k>', 'label(s) of the normal class, comma-separated (default: the run\'s data.trainClasses)')
    .option('--k <k>', 'importance samples per score (1 = negative ELBO)', '1')
    .option('--n <n>', 'test examples (default all)')
    .option('--seed <s>', 'seed of the posterior samples', '0')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, _o, cmd: Command) => {
      const o = subcommandOptions(cmd) as Record<string, string | undefined>;
      await initNodeEngine(globalBackend(cmd));
      const normal = o.normalClass === undefined ? undefined : String(o.normalClass).split(',').map((t) => {
        const v = Number(t.trim());
        if (!Number.isInteger(v) || v < 0) throw new Error(`--normal-class takes class indices like 3 or 3,5; got "${o.normalClass}".`);
        return v;
      });
      const s = await openSession({ checkpoint: dir });
      try {
        const r = evaluateAnomaly(s, {
          normalClasses: normal,
          k: intOption('k', o.k, 1),
          n: o.n === undefined ? undefined : intOption('n', o.n, 1),
          seed: Number(o.seed),
        });
        const out = { model: s.spec.id, dir, step: s.step, dataset: `${s.config.data.name}/test`, ...r };
        if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
        else {
          process.stdout.write(
            `normal class ${r.normalClasses.join(',')} vs rest (${r.n} test examples, ${r.anomalies} anomalies, k=${r.k}):\n` +
              `  AUROC ${r.auroc.toFixed(4)}  AUPRC ${r.auprc.toFixed(4)}  mean score normal ${r.meanScoreNormal.toFixed(2)} / anomaly ${r.meanScoreAnomaly.toFixed(2)} nats\n`,
          );
        }
      } finally {
        s.dispose();
      }
    });
}
