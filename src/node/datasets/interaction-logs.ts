// Table row for interaction logs read as per-user item sequences (MovieLens u.data / ratings.dat /
// ratings.csv layouts); MIDI note-event lists are a later kind of their own.
import path from 'node:path';
import { datasetEntry } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { parseInteractions, sequenceDatasets } from '../../data/interactions.js';
import { decodeText } from '../../data/utf8.js';
import { Rng } from '../../random/rng.js';
import { readDataFile } from '../data-files.js';
import { namingFile } from './file-errors.js';

/** sequences: one log file → train/test users' item sequences. */
export const sequences = datasetEntry({
  name: 'sequences',
  kind: 'sequence',
  description: "user–item event logs as per-user item sequences by time: user,item[,rating,timestamp] with ',', tab (u.data) or '::' (ratings.dat)",
  options: optionsSchema(['path', 'maxLength', 'minRating', 'testFraction', 'seed'], { maxLength: 200, testFraction: 0.1, seed: 0 }, {
    path: 'the interaction log file',
    testFraction: 'fraction of users held out for test',
  }),
  load: async (o) => {
    if (!o.path) throw new Error(`Dataset 'sequences' needs a file: pass --data.path FILE (lines of user,item[,rating,timestamp]).`);
    const log = parseInteractions(decodeText(await readDataFile(o.path, 'interaction log'), o.path, 'latin1'), o.path);
    const name = `sequences:${path.basename(o.path).replace(/\.[^.]*$/, '')}`;
    return namingFile(o.path, () => sequenceDatasets(log, { name, maxLength: o.maxLength, minRating: o.minRating, testFraction: o.testFraction, seed: o.seed }, (n) =>
      new Rng(o.seed!).permutation(n),
    ));
  },
});
