// Bag-of-words documents from paragraphs of plain text, the input of neural topic models
// (Srivastava & Sutton 2017, ProdLDA): lower-cased words, stop words removed, top-V vocabulary by document frequency.
import { Rng } from '../random/rng.js';
import { VectorDataset } from './vector-dataset.js';

/** English stop words (plus archaic forms common in the Gutenberg texts), dropped before counting. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can cannot ' +
    'could did do does doing done down during each few for from further had has have having he her here hers herself him himself his how ' +
    'i if in into is it its itself just me more most my myself no nor not now of off on once only or other ought our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up upon very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'shall may might must one also said say says us let yet thus unto thou thee thy thine ye hath doth art shalt wilt hast dost thereof ' +
    'o oh tis twas ere like well much many every even still though would could ever never made make went go come came get got see saw ' +
    'know knew think thought two three first last little great good way thing things man men day time long old new put take took give gave ' +
    'mr mrs miss sir lord'
  ).split(' '),
);

/** Lower-cased word tokens of `text` (letters and inner apostrophes), without stop words or 1–2 letter words. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)?/g)) {
    const w = m[0].replace(/'s$/, '');
    if (w.length > 2 && !STOP_WORDS.has(w)) out.push(w);
  }
  return out;
}

/** Splits text into paragraphs at blank lines, keeping those with at least `minWords` content words. */
export function paragraphs(text: string, minWords = 10): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(contentWords)
    .filter((w) => w.length >= minWords);
}

/** A bag-of-words dataset: x [B, V] word counts per document; labels are source indices. */
export class BowDataset extends VectorDataset {
  /** The vocabulary: column j of x counts `vocab[j]`. */
  readonly vocab: string[];

  constructor(opts: ConstructorParameters<typeof VectorDataset>[0] & { vocab: string[] }) {
    super(opts);
    this.vocab = opts.vocab;
  }

  /** For each document, the sorted vocabulary ids it contains (for co-occurrence metrics such as NPMI). */
  documentSets(): Int32Array[] {
    const v = this.vocab.length;
    return Array.from({ length: this.size }, (_, i) => {
      const ids: number[] = [];
      for (let j = 0; j < v; j++) if (this.data[i * v + j] > 0) ids.push(j);
      return Int32Array.from(ids);
    });
  }
}

/** Options of bowDatasets. */
export interface BowOptions {
  name?: string;
  /** Vocabulary size: the most document-frequent words (default 2000). */
  vocabSize?: number;
  /** Drop words that occur in more than this fraction of documents (default 0.3). */
  maxDocFraction?: number;
  /** Least number of content words in a kept paragraph (default 10). */
  minWords?: number;
  /** Keep at most this many paragraphs per source text, the first ones (default 3000), so one long book cannot dominate. */
  maxPerSource?: number;
  /** Held-out documents (default 10 %). */
  testSize?: number;
  /** Keep at most this many training documents (default all). */
  trainSize?: number;
  /** Seed of the train/test split (default 0). */
  seed?: number;
}

/** Turns named texts into train/test BowDatasets over a shared vocabulary fitted on the train split. */
export function bowDatasets(texts: { name: string; text: string }[], o: BowOptions = {}): { train: BowDataset; test: BowDataset } {
  const docs: { words: string[]; source: number }[] = [];
  texts.forEach((t, source) => paragraphs(t.text, o.minWords ?? 10).slice(0, o.maxPerSource ?? 3000).forEach((words) => docs.push({ words, source })));
  if (docs.length < 10) throw new Error(`bow: only ${docs.length} paragraphs with ≥ ${o.minWords ?? 10} content words; give more text.`);
  const perm = new Rng(o.seed ?? 0).permutation(docs.length);
  const testSize = o.testSize ?? Math.round(docs.length * 0.1);
  if (!(testSize >= 1 && testSize < docs.length)) throw new Error(`bow: testSize must be in 1..${docs.length - 1}, got ${testSize}.`);
  const testDocs = Array.from(perm.subarray(0, testSize), (i) => docs[i]);
  let trainDocs = Array.from(perm.subarray(testSize), (i) => docs[i]);
  if (o.trainSize !== undefined) trainDocs = trainDocs.slice(0, o.trainSize);
  // vocabulary: document frequency on the train split, ties broken alphabetically (deterministic)
  const df = new Map<string, number>();
  for (const d of trainDocs) for (const w of new Set(d.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const maxDf = (o.maxDocFraction ?? 0.3) * trainDocs.length;
  const vocab = [...df.entries()]
    .filter(([, n]) => n <= maxDf && n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.vocabSize ?? 2000)
    .map(([w]) => w);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const make = (split: string, ds: typeof docs) => {
    const v = vocab.length;
    const rows = ds.filter((d) => d.words.some((w) => index.has(w)));
    const data = new Float32Array(rows.length * v); // [N, V] counts
    rows.forEach((d, i) => d.words.forEach((w) => {
      const j = index.get(w);
      if (j !== undefined) data[i * v + j] += 1;
    }));
    const labels = Int32Array.from(rows, (d) => d.source);
    return new BowDataset({ name: `${o.name ?? 'bow'}/${split}`, data, dim: v, labels, numClasses: texts.length, vocab });
  };
  return { train: make('train', trainDocs), test: make('test', testDocs) };
}
