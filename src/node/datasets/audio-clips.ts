// Table row for a folder of WAV files: clips resampled (windowed sinc) to one rate, cut or zero-padded
// to a fixed length, labelled by their top-level sub-folder (as Speech Commands / SC09 are laid out).
import path from 'node:path';
import { datasetEntry } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { AudioDataset } from '../../data/audio-dataset.js';
import { classLabels, splitIndices } from '../../data/image-folder.js';
import { parseWav, resampleFit } from '../../data/wav.js';
import { readDataFile } from '../data-files.js';
import { listFiles, requireFolder } from './image-files.js';

const HINT = 'expected a folder of .wav files (PCM 8/16/24/32-bit or float; sub-folder names become labels)';

/** audio: every .wav under the folder, mono, at `sampleRate`, `clipSeconds` long. */
export const audio = datasetEntry({
  name: 'audio',
  kind: 'audio',
  description: 'a folder of WAV clips (read recursively; top-level sub-folder names are labels), mono, resampled, fixed length',
  options: optionsSchema(['path', 'sampleRate', 'clipSeconds', 'testFraction', 'seed', 'labels'], {
    sampleRate: 16000, clipSeconds: 1, testFraction: 0.1, seed: 0, labels: true,
  }),
  load: async (o) => {
    if (!o.path) throw new Error(`Dataset 'audio' needs a folder: pass --data.path DIR (${HINT}).`);
    await requireFolder(o.path, 'audio clips', HINT);
    const files = await listFiles(o.path, (f) => path.extname(f).toLowerCase() === '.wav');
    if (files.length === 0) throw new Error(`Cannot read audio clips: ${o.path} holds no .wav files (at any depth); ${HINT}.`);
    const length = Math.round(o.sampleRate! * o.clipSeconds!);
    const data = new Float32Array(files.length * length); // [N, T]
    const items: { source: string; className?: string }[] = [];
    for (let i = 0; i < files.length; i++) {
      const file = path.join(o.path, files[i]);
      const wav = parseWav(await readDataFile(file, 'WAV file'), file);
      data.set(resampleFit(wav.samples, wav.sampleRate, o.sampleRate!, length), i * length);
      const slash = files[i].indexOf('/');
      items.push({ source: file, className: o.labels && slash > 0 ? files[i].slice(0, slash) : undefined });
    }
    const cl = classLabels(items);
    const name = `audio:${path.basename(path.resolve(o.path))}`;
    const all = new AudioDataset({ name, data, length, sampleRate: o.sampleRate!, labels: cl?.labels, classNames: cl?.classNames });
    const { train, test } = splitIndices(files.length, o.testFraction!, o.seed!, name);
    return { train: all.subset(train, `${name}/train`), test: all.subset(test, `${name}/test`) };
  },
});
