// Byte-level byte-pair encoding (Sennrich et al. 2016; GPT-2's byte-level variant, Radford et al. 2019):
// UTF-8 bytes are the 256 base tokens, merges are learned on GPT-2's pre-tokenised chunks of a corpus.
import { CharTokenizer, type CharTokenizerJSON, type Tokenizer } from './tokenizer.js';

/** JSON form of a ByteBpeTokenizer: the merges in rank order (merge r creates token 256 + r). */
export interface ByteBpeJSON {
  type: 'bpe';
  merges: [number, number][];
}

/** GPT-2's pre-tokenisation pattern (contractions, letter runs, digit runs, punctuation, spaces). */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

const key = (a: number, b: number) => a * 0x100000 + b; // ids < 2^20
const MAX_MERGES = 0x100000 - 256;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws at the first lone UTF-16 surrogate of `text`: UTF-8 cannot encode it, TextEncoder would turn it into U+FFFD. */
function checkWellFormed(text: string, what: string): void {
  const m = LONE_SURROGATE.exec(text);
  if (!m) return;
  const cp = m[0].charCodeAt(0).toString(16).toUpperCase();
  throw new Error(`${what} holds a lone surrogate (U+${cp}) at UTF-16 offset ${m.index}, which has no UTF-8 bytes; byte-level BPE would silently read it as U+FFFD.`);
}

/** Splits text into GPT-2 chunks (their concatenation is the text). */
export function pretokenize(text: string): string[] {
  return text.match(GPT2_PATTERN) ?? [];
}

/** A byte-level BPE tokenizer: any string encodes (no unknown tokens); decoding invalid UTF-8 yields U+FFFD. */
export class ByteBpeTokenizer implements Tokenizer {
  readonly merges: readonly [number, number][];
  private readonly ranks: Map<number, number>;
  private readonly bytes: Uint8Array[];
  private readonly cache = new Map<string, number[]>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a leading U+FEFF: it is text here, not a BOM

  constructor(merges: readonly [number, number][]) {
    if (merges.length > MAX_MERGES) throw new Error(`ByteBpeTokenizer: ${merges.length} merges exceed the ${MAX_MERGES} that token ids below 2²⁰ allow.`);
    this.merges = Array.from(merges, (m, r) => { // Array.from: holes of a sparse array are visited too
      if (!Array.isArray(m) || m.length !== 2) throw new Error(`ByteBpeTokenizer: merge ${r} is ${m === undefined ? 'missing' : JSON.stringify(m)?.slice(0, 40) ?? typeof m}; each merge is a pair [a, b] of token ids.`);
      return [m[0], m[1]] as [number, number];
    });
    this.ranks = new Map();
    this.bytes = Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
    this.merges.forEach(([a, b], r) => {
      const id = 256 + r;
      if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < id && b < id)) {
        throw new Error(`ByteBpeTokenizer: merge ${r} (${a}, ${b}) must join two earlier tokens (ids below ${id}).`);
      }
      const dup = this.ranks.get(key(a, b));
      if (dup !== undefined) throw new Error(`ByteBpeTokenizer: merge ${r} (${a}, ${b}) repeats merge ${dup}; a merge list holds each pair once.`);
      this.ranks.set(key(a, b), r);
      const joined = new Uint8Array(this.bytes[a].length + this.bytes[b].length);
      joined.set(this.bytes[a]);
      joined.set(this.bytes[b], this.bytes[a].length);
      this.bytes.push(joined);
    });
  }

  /** Learns `vocabSize − 256` merges from `text` (most frequent pair first, ties to the smaller pair). */
  static train(text: string, vocabSize: number): ByteBpeTokenizer {
    if (!(Number.isInteger(vocabSize) && vocabSize >= 256 && vocabSize < 0x100000)) {
      throw new Error(`BPE vocabulary size must be an integer ≥ 256 (the byte tokens), got ${vocabSize}.`);
    }
    checkWellFormed(text, 'The BPE training text');
    const enc = new TextEncoder();
    const freq = new Map<string, number>();
    for (const c of pretokenize(text)) freq.set(c, (freq.get(c) ?? 0) + 1);
    const words: number[][] = [];
    const counts: number[] = [];
    for (const [w, n] of freq) {
      words.push(Array.from(enc.encode(w)));
      counts.push(n);
    }
    const pairs = new Map<number, number>();
    const where = new Map<number, Set<number>>();
    const addPairs = (wi: number, sign: number) => {
      const w = words[wi];
      for (let i = 0; i + 1 < w.length; i++) {
        const k = key(w[i], w[i + 1]);
        pairs.set(k, (pairs.get(k) ?? 0) + sign * counts[wi]);
        if (sign > 0) {
          let s = where.get(k);
          if (!s) where.set(k, (s = new Set()));
          s.add(wi);
        }
      }
    };
    words.forEach((_, wi) => addPairs(wi, 1));
    const merges: [number, number][] = [];
    while (256 + merges.length < vocabSize) {
      let best = -1;
      let bestN = 0;
      for (const [k, n] of pairs) if (n > bestN || (n === bestN && n > 0 && k < best)) [best, bestN] = [k, n];
      if (bestN <= 0) break; // nothing left to merge: the corpus is fully merged
      const a = Math.floor(best / 0x100000);
      const b = best % 0x100000;
      const id = 256 + merges.length;
      merges.push([a, b]);
      for (const wi of where.get(best) ?? []) {
        const w = words[wi];
        addPairs(wi, -1);
        const out: number[] = [];
        for (let i = 0; i < w.length; i++) {
          if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
            out.push(id);
            i++;
          } else out.push(w[i]);
        }
        words[wi] = out;
        addPairs(wi, 1);
      }
      where.delete(best);
      pairs.delete(best);
    }
    return new ByteBpeTokenizer(merges);
  }

  /** Restores a tokenizer from its JSON form. */
  static fromJSON(json: ByteBpeJSON): ByteBpeTokenizer {
    if (!json || json.type !== 'bpe' || !Array.isArray(json.merges)) {
      throw new Error(`ByteBpeTokenizer.fromJSON expects { type: 'bpe', merges: [a, b][] }, got ${JSON.stringify(json)?.slice(0, 80)}.`);
    }
    return new ByteBpeTokenizer(json.merges);
  }

  /** 256 byte tokens plus one per merge. */
  get vocabSize(): number {
    return 256 + this.merges.length;
  }

  /** The bytes token `id` stands for. */
  tokenBytes(id: number): Uint8Array {
    const b = this.bytes[id];
    if (!b) throw new Error(`ByteBpeTokenizer: id ${id} is outside 0..${this.vocabSize - 1}.`);
    return b;
  }

  private encodeChunk(chunk: string): number[] {
    const hit = this.cache.get(chunk);
    if (hit) return hit;
    let w = Array.from(this.encoder.encode(chunk));
    for (;;) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < w.length; i++) {
        const r = this.ranks.get(key(w[i], w[i + 1]));
        if (r !== undefined && r < bestRank) bestRank = r;
      }
      if (bestRank === Infinity) break;
      const [a, b] = this.merges[bestRank];
      const out: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          out.push(256 + bestRank);
          i++;
        } else out.push(w[i]);
      }
      w = out;
    }
    if (this.cache.size < 100_000) this.cache.set(chunk, w);
    return w;
  }

  /** Encodes text to ids (lowest-rank merge first, as GPT-2). */
  encode(text: string): Int32Array {
    checkWellFormed(text, 'The text to encode');
    const out: number[] = [];
    for (const c of pretokenize(text)) for (const id of this.encodeChunk(c)) out.push(id);
    return Int32Array.from(out);
  }

  /** Decodes ids to text (invalid UTF-8 from sampled ids becomes U+FFFD, as GPT-2's errors='replace'). */
  decode(ids: ArrayLike<number>): string {
    const parts: Uint8Array[] = [];
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const b = this.tokenBytes(ids[i]);
      parts.push(b);
      n += b.length;
    }
    const all = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return this.decoder.decode(all);
  }

  /** JSON form (see ByteBpeJSON). */
  toJSON(): ByteBpeJSON {
    return { type: 'bpe', merges: this.merges.map(([a, b]) => [a, b]) };
  }
}

/** Restores any genlab tokenizer (character-level or byte-level BPE) from its JSON form. */
export function tokenizerFromJSON(json: CharTokenizerJSON | ByteBpeJSON): Tokenizer {
  if (json?.type === 'char') return CharTokenizer.fromJSON(json);
  if (json?.type === 'bpe') return ByteBpeTokenizer.fromJSON(json);
  const type = json !== null && typeof json === 'object' ? (json as { type?: unknown }).type : undefined;
  const what = type === undefined ? `${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json === 'object' ? 'an object' : typeof json} without a type field` : `type ${JSON.stringify(type)?.slice(0, 40)}`;
  throw new Error(`Unknown tokenizer JSON (${what}); expected type 'char' or 'bpe' ({ type: 'char', vocab: [...] } or { type: 'bpe', merges: [...] }).`);
}
