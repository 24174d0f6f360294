// `genlab eval ...`: likelihood (IWAE NLL) of a run; feature-based metrics live in eval-features.ts.
import { Command } from 'commander';
import { evaluateNll } from '../../node/eval-nll.js';
import { intOption, withRunSession } from '../options.js';

/** Registers `eval` and its `nll` subcommand; returns the `eval` command for more subcommands. */
export function registerEval(program: Command): Command {
  const evalCmd = program.command('eval').description('Evaluate a trained model');
  evalCmd
    .command('nll')
    .description('Importance-weighted (IWAE) negative log-likelihood on binarised test data, in nats')
    .argument('<dir>', 'run directory of a likelihood model (e.g. vae)')
    .option('--k <k>', 'importance samples per example', '500')
    .option('--n <n>', 'test examples', '1000')
    .option('--seed <s>', 'seed of the importance samples', '0')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, o, cmd: Command) => {
      await withRunSession(dir, cmd, (s) => {
        const r = evaluateNll(s, {
          k: intOption('k', o.k, 500),
          n: intOption('n', o.n, 1000),
          seed: Number(o.seed),
          onProgress: o.json ? undefined : (d, t) => process.stderr.write(`\r${d}/${t} examples`),
        });
        const out = { model: s.spec.id, dir, step: s.step, dataset: `${s.config.data.name}/test`, ...r };
        if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
        else process.stdout.write(`\nIWAE NLL (k=${r.k}, n=${r.n}): ${r.nll.toFixed(2)} ± ${r.stderr.toFixed(2)} nats (${r.seconds.toFixed(1)} s)\n`);
      });
    });
  return evalCmd;
}
