// The option vocabulary of the dataset table: one zod piece per option name, so every dataset that
// takes `testFraction` (say) validates and documents it the same way; entries pick the ones they take.
import { z } from 'zod';
import type { Tokenizer } from './tokenizer.js';
import type { TableTransformer } from './tabular/transform-types.js';

const positiveInt = () => z.number().int('must be a positive integer').min(1, 'must be a positive integer');

/** Every dataset option, by name; an entry's schema is a strict object of some of these. */
export const DATA_OPTIONS = {
  path: z.string().describe('file or folder to read (see the dataset for what it holds)'),
  trainSize: positiveInt().describe('keep the first N training examples'),
  testSize: positiveInt().describe('keep the first N test examples'),
  seed: z.number().int('must be an integer').describe('seed of the random draws / train-test split'),
  testFraction: z.number().gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)').describe('fraction of the examples held out for test (seeded split)'),
  channels: z.union([z.literal(1), z.literal(3)], { error: 'must be 1 or 3' }).describe('1 (grey, BT.601 luma) or 3 (RGB); default: 1 if every image is grey, else 3'),
  resize: z
    .union([positiveInt(), z.tuple([positiveInt(), positiveInt()])], { error: 'must be a size N or [height, width]' })
    .describe('resize every image (bilinear) to N×N or [height, width]; without it all images must share one size'),
  labels: z.boolean('must be true or false').describe('use top-level sub-folder names as class labels'),
  direction: z.enum(['AtoB', 'BtoA'], { error: "must be 'AtoB' or 'BtoA'" }).describe('which half of each A|B file is the input x (the other is the target x2)'),
  sampleRate: positiveInt().describe('resample every clip to this rate in Hz (windowed-sinc, band-limited)'),
  clipSeconds: z.number().positive('must be positive').describe('fixed clip length in seconds (longer clips cropped, shorter zero-padded at the end)'),
  blockSize: positiveInt().describe('context length of each text window'),
  encoding: z.enum(['utf-8', 'latin1'], { error: "must be 'utf-8' or 'latin1'" }).describe("file encoding: 'utf-8' (strict) or 'latin1'"),
  tokenizer: z
    .union([z.enum(['char', 'bpe']), z.custom<Tokenizer>((v) => typeof v === 'object' && v !== null && 'vocabSize' in v)], { error: "must be 'char', 'bpe' or a tokenizer" })
    .describe("'char', 'bpe' (learned on the train split) or a saved tokenizer"),
  vocabSize: positiveInt().describe('vocabulary size (learned BPE / bag-of-words words)'),
  columns: z.array(z.string()).describe('numeric columns to use (default: all numeric columns)'),
  labelColumn: z.string().describe('categorical column whose categories become labels'),
  columnTypes: z
    .record(z.string(), z.enum(['numeric', 'categorical']))
    .describe("declared column types { name: 'numeric' | 'categorical' } (others inferred)"),
  columnSpec: z.string().describe('a JSON file declaring column kinds, e.g. {"income": "categorical", "grade": {"kind": "ordinal", "categories": ["low", "mid", "high"]}}'),
  tableTransformer: z
    .custom<TableTransformer>((v) => typeof v === 'object' && v !== null && 'spans' in v, { error: 'must be a table transformer' })
    .describe("a run's saved table encoder (set by genlab when it reopens a run)"),
  missing: z.array(z.string()).describe("cell values that count as missing (default '?' and the empty cell)"),
  dropMissingRows: z.boolean('must be true or false').describe('drop rows with a missing value in the chosen numeric columns'),
  maxLength: positiveInt().describe('keep each user’s most recent N items (left-padded with 0)'),
  minRating: z.number().describe('keep only interactions rated at least this'),
} as const;

/** The option names. */
export type DataOptionName = keyof typeof DATA_OPTIONS;

/** The value type of each option. */
export type DataOptionValues = { [K in DataOptionName]: z.output<(typeof DATA_OPTIONS)[K]> };

/** A strict zod object of the named options, all optional, with per-entry defaults and descriptions. */
export function optionsSchema<K extends DataOptionName>(
  names: readonly K[],
  defaults: Partial<{ [P in K]: DataOptionValues[P] }> = {},
  describe: Partial<Record<K, string>> = {},
) {
  const shape = {} as { [P in K]: z.ZodType<DataOptionValues[P] | undefined> };
  for (const n of names) {
    let s: z.ZodType = DATA_OPTIONS[n];
    const text = describe[n] ?? DATA_OPTIONS[n].description;
    const d = defaults[n];
    s = d === undefined ? s.optional() : (s as z.ZodType).default(d as never);
    (shape as Record<string, z.ZodType>)[n] = s.describe(text ?? n);
  }
  return z.strictObject(shape);
}
