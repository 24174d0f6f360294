// `genlab eval labels DIR`: the share of a conditional model's samples that a classifier assigns to the
// requested label (the CVAE check of Sohn et al. 2015-style label control).
import type { Command } from 'commander';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { defaultExtractorFor, loadExtractor } from '../../node/extractors.js';
import { evaluateLabelAccuracy } from '../../node/session-evals.js';
import { globalBackend, intOption } from '../options.js';
import { subcommandOptions } from './eval-anomaly.js';

/** Registers `eval labels` on the `eval` command. */
export function registerEvalLabels(evalCmd: Command): void {
  evalCmd
    .command('labels')
    .description('Conditional models: fraction of samples classified as their requested label')
    .argument('<dir>', 'run directory of a conditional model (e.g. cvae)')
    .option('--per-class <n>', 'samples per class', '100')
    .option('--extractor <id|dir>', 'classifier (default: the dataset\'s built-in, e.g. mnist-classifier)')
    .option('--seed <s>', 'sampling seed', '0')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, _o, cmd: Command) => {
      const o = subcommandOptions(cmd) as Record<string, string | undefined>;
      await initNodeEngine(globalBackend(cmd));
      const s = await openSession({ checkpoint: dir });
      try {
        const id = o.extractor ?? defaultExtractorFor(s.config.data.name);
        if (!id) throw new Error(`No built-in classifier for dataset ${s.config.data.name}; pass --extractor DIR.`);
        const ex = await loadExtractor(id);
        try {
          const r = evaluateLabelAccuracy(s, ex, { perClass: intOption('per-class', o.perClass, 100), seed: Number(o.seed ?? 0) });
          if (o.json) process.stdout.write(JSON.stringify({ model: s.spec.id, dir, step: s.step, ...r }) + '\n');
          else process.stdout.write(`label accuracy ${(100 * r.accuracy).toFixed(2)} % (${r.classifier}); per class: ${r.perClass.map((a) => (100 * a).toFixed(1)).join(' ')}\n`);
        } finally {
          ex.dispose();
        }
      } finally {
        s.dispose();
      }
    });
}
