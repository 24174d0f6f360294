// User–item interaction logs (browser-safe, text in) as per-user item sequences: MovieLens `u.data`
// (tab), `ratings.dat` (`::`) and CSV `user,item[,rating,timestamp]`, ordered by time (SASRec, Kang & McAuley 2018).
import { tf } from '../engine/tf.js';
import type { Batch, Dataset } from './types.js';
import { checkIndices } from './indices.js';

/** One interaction; rating and timestamp are NaN when the log has no such column. */
export interface Interaction {
  user: string;
  item: string;
  rating: number;
  timestamp: number;
}

const word = (s: string) => s.toLowerCase().replace(/[\s_"'-]/g, '');
const USER_WORDS = /^(user|users|userid|uid|customer|customerid)$/;
const ITEM_WORDS = /^(item|items|itemid|movie|movieid|product|productid|track|trackid|song|songid|book|bookid|iid)$/;

/** The first line is a header when a rating/timestamp field is not a number, or both names are column words ('user_id', 'movieId'). */
function isHeader(f: string[]): boolean {
  if (f.length >= 3 && f.slice(2).some((v) => v === '' || !Number.isFinite(Number(v)))) return /user/i.test(f[0]);
  return f.length >= 2 && USER_WORDS.test(word(f[0])) && ITEM_WORDS.test(word(f[1]));
}

/** Parses an interaction log; the separator (`::`, tab or comma) is read from the first line, a header line naming 'user' is skipped. */
export function parseInteractions(text: string, source = 'interactions'): Interaction[] {
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const sep = first.includes('::') ? '::' : first.includes('\t') ? '\t' : ',';
  const out: Interaction[] = [];
  const firstIndex = lines.indexOf(first);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const f = line.split(sep).map((s) => s.trim());
    if (i === firstIndex && isHeader(f)) return;
    if (f.length < 2 || f.length > 4 || f[0] === '' || f[1] === '') {
      throw new Error(`${source}: line ${i + 1} has ${f.length} field(s) ${JSON.stringify(line.slice(0, 60))}; expected user${sep}item[${sep}rating${sep}timestamp].`);
    }
    const num = (k: number, what: string) => {
      if (f[k] === undefined) return NaN;
      const v = Number(f[k]);
      if (f[k] === '' || !Number.isFinite(v)) throw new Error(`${source}: line ${i + 1} has ${what} ${JSON.stringify(f[k])}, which is not a number.`);
      return v;
    };
    out.push({ user: f[0], item: f[1], rating: num(2, 'rating'), timestamp: num(3, 'timestamp') });
  });
  if (out.length === 0) throw new Error(`${source} holds no interactions; expected lines of user${sep}item[${sep}rating${sep}timestamp].`);
  return out;
}

const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Per-user item sequences over a shared item vocabulary; ids 1..numItems, 0 pads sequences on the left. */
export class SequenceDataset implements Dataset {
  readonly kind = 'sequence' as const;
  readonly shape: number[];
  readonly size: number;

  constructor(
    readonly name: string,
    /** Item names by id − 1. */
    readonly items: string[],
    readonly users: string[],
    /** Each user's item ids, oldest first (at most maxLength, the most recent kept). */
    readonly sequences: Int32Array[],
    readonly maxLength: number,
  ) {
    this.shape = [maxLength];
    this.size = users.length;
  }

  /** Number of distinct items; token ids run 0 (padding) .. numItems. */
  get numItems(): number {
    return this.items.length;
  }

  /** x: item ids [B, L] int32, left-padded with 0 so the most recent item is last. */
  batch(indices: ArrayLike<number>): Batch {
    checkIndices(indices, this.size, this.name);
    const L = this.maxLength;
    const out = new Int32Array(indices.length * L);
    for (let b = 0; b < indices.length; b++) {
      const s = this.sequences[indices[b]];
      out.set(s, b * L + L - s.length);
    }
    return { x: tf.tensor2d(out, [indices.length, L], 'int32') }; // [B, L]
  }
}

/** Options of sequenceDatasets. */
export interface SequenceOptions {
  name: string;
  maxLength?: number;
  minRating?: number;
  testFraction?: number;
  seed?: number;
}

/**
 * Splits users (not interactions) into train and test (held-out users, as Mult-VAE evaluates); the item
 * vocabulary is the train users' items, and test users' unseen items are dropped.
 */
export function sequenceDatasets(log: Interaction[], o: SequenceOptions, permutation: (n: number) => Int32Array): { train: SequenceDataset; test: SequenceDataset } {
  const kept = o.minRating === undefined ? log : log.filter((r) => r.rating >= o.minRating!);
  const byUser = new Map<string, { item: string; t: number; i: number }[]>();
  kept.forEach((r, i) => {
    let list = byUser.get(r.user);
    if (!list) byUser.set(r.user, (list = []));
    list.push({ item: r.item, t: r.timestamp, i });
  });
  const users = [...byUser.keys()].sort(byId);
  if (users.length < 2) throw new Error(`${o.name}: ${users.length} user(s) left; a train/test split needs at least 2.`);
  const nTest = Math.max(1, Math.round(users.length * (o.testFraction ?? 0.1)));
  if (nTest >= users.length) throw new Error(`${o.name}: testFraction leaves no training users (${users.length} users).`);
  const perm = permutation(users.length);
  const testUsers = Array.from(perm.slice(0, nTest)).sort((a, b) => a - b).map((k) => users[k]);
  const trainUsers = Array.from(perm.slice(nTest)).sort((a, b) => a - b).map((k) => users[k]);
  const items = [...new Set(trainUsers.flatMap((u) => byUser.get(u)!.map((e) => e.item)))].sort(byId);
  const id = new Map(items.map((it, k) => [it, k + 1]));
  const maxLength = o.maxLength ?? 200;
  const seqs = (us: string[]) =>
    us.map((u) => {
      const ev = byUser.get(u)!.slice().sort((a, b) => (a.t - b.t) || (a.i - b.i)); // NaN timestamps keep file order
      const ids = ev.map((e) => id.get(e.item) ?? 0).filter((v) => v > 0);
      return Int32Array.from(ids.slice(Math.max(0, ids.length - maxLength)));
    });
  const te = seqs(testUsers);
  const keep = te.map((s) => s.length > 0);
  return {
    train: new SequenceDataset(`${o.name}/train`, items, trainUsers, seqs(trainUsers), maxLength),
    test: new SequenceDataset(`${o.name}/test`, items, testUsers.filter((_, k) => keep[k]), te.filter((_, k) => keep[k]), maxLength),
  };
}
