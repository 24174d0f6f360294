// `genlab topics DIR`: the top words of every topic of a ProdLDA run (Srivastava & Sutton 2017) with
// NPMI coherence (Lau et al. 2014) against a random-word baseline.
import type { Command } from 'commander';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { topicReport } from '../../node/session-evals.js';
import { globalBackend, intOption } from '../options.js';

/** Registers `topics`. */
export function registerTopics(program: Command): void {
  program
    .command('topics')
    .description('Print the top words of each topic of a topic-model run, with NPMI coherence')
    .argument('<dir>', 'run directory of a prodlda model')
    .option('--top <n>', 'words per topic', '10')
    .option('--seed <s>', 'seed of the random-word baseline', '0')
    .option('--json', 'print one JSON object')
    .action(async (dir: string, o, cmd: Command) => {
      await initNodeEngine(globalBackend(cmd));
      const s = await openSession({ checkpoint: dir });
      try {
        const r = topicReport(s, { top: intOption('top', o.top, 10), seed: Number(o.seed) });
        if (o.json) {
          process.stdout.write(JSON.stringify({ model: s.spec.id, dir, step: s.step, ...r }) + '\n');
          return;
        }
        r.topics.forEach((t, i) => process.stdout.write(`topic ${String(i).padStart(2)}  npmi ${t.npmi.toFixed(3).padStart(6)}  ${t.words.join(' ')}\n`));
        process.stdout.write(`mean NPMI ${r.meanNpmi.toFixed(4)} (random-word baseline ${r.randomNpmi.toFixed(4)}; reference: ${r.documents} paragraphs)\n`);
      } finally {
        s.dispose();
      }
    });
}
