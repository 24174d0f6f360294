// `genlab eval labels DIR`: the share of a conditional model's samples that a classifier assigns to the
// requested label (the CVAE check of Sohn et al. 2015-style label control).
import { defaultExtractorFor, loadExtractor } from '../../node/extractors.js';
import { evaluateLabelAccuracy } from '../../node/session-evals.js';
import { intOption, JSON_ROW, printResult, seedRow, seedOption, type RunCommand } from '../options.js';

/** `genlab eval labels DIR`: label accuracy of a conditional model's samples. */
export const labelsCommand: RunCommand = {
  name: 'labels', needs: ['conditional'], dir: 'run directory of a conditional model (e.g. cvae)',
  description: 'Conditional models: fraction of samples classified as their requested label',
  options: [
    ['--per-class <n>', 'samples per class', '100'],
    ['--extractor <id|dir>', 'classifier (default: the dataset\'s built-in, e.g. mnist-classifier)'],
    seedRow('0'),
    JSON_ROW,
  ],
  async run(s, o, dir) {
    const id = o.extractor ?? defaultExtractorFor(s.config.data.name);
    if (!id) throw new Error(`No built-in classifier for dataset ${s.config.data.name}; pass --extractor DIR.`);
    const ex = await loadExtractor(id);
    try {
      const r = evaluateLabelAccuracy(s, ex, { perClass: intOption('per-class', o.perClass, 100), seed: seedOption(o.seed ?? '0') });
      const human = `label accuracy ${(100 * r.accuracy).toFixed(2)} % (${r.classifier}); per class: ${r.perClass.map((a) => (100 * a).toFixed(1)).join(' ')}\n`;
      printResult(o, { model: s.spec.id, dir, step: s.step, ...r }, human);
    } finally {
      ex.dispose();
    }
  },
};
