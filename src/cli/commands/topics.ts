// `genlab topics DIR`: the top words of every topic of a ProdLDA run (Srivastava & Sutton 2017) with
// NPMI coherence (Lau et al. 2014) against a random-word baseline.
import { topicReport } from '../../node/session-evals.js';
import { intOption, JSON_ROW, printResult, seedRow, seedOption, type RunCommand } from '../options.js';

/** `genlab topics DIR`: top words and NPMI per topic. */
export const topicsCommand: RunCommand = {
  name: 'topics', needs: ['topics'], dir: 'run directory of a prodlda model',
  description: 'Print the top words of each topic of a topic-model run, with NPMI coherence',
  options: [['--top <n>', 'words per topic', '10'], seedRow('0', 'seed of the random-word baseline'), JSON_ROW],
  run(s, o, dir) {
    const r = topicReport(s, { top: intOption('top', o.top, 10), seed: seedOption(o.seed) });
    const lines = r.topics.map((t, i) => `topic ${String(i).padStart(2)}  npmi ${t.npmi.toFixed(3).padStart(6)}  ${t.words.join(' ')}\n`);
    lines.push(`mean NPMI ${r.meanNpmi.toFixed(4)} (random-word baseline ${r.randomNpmi.toFixed(4)}; reference: ${r.documents} paragraphs)\n`);
    printResult(o, { model: s.spec.id, dir, step: s.step, ...r }, lines.join(''));
  },
};
