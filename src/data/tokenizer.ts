// Character-level tokenizer of nanoGPT's shakespeare_char prepare.py: the vocabulary is the sorted set
// of characters (here Unicode code points, so emoji and CJK are single tokens) of the whole corpus.

/** JSON form of a CharTokenizer, saved with a model so sampling decodes the same ids. */
export interface CharTokenizerJSON {
  type: 'char';
  vocab: string[];
}

/** What every genlab tokenizer provides (character-level here, byte-level BPE in bpe.ts). */
export interface Tokenizer {
  readonly vocabSize: number;
  encode(text: string): Int32Array;
  decode(ids: ArrayLike<number>): string;
  /** JSON form saved with a model (restore with tokenizerFromJSON in bpe.ts). */
  toJSON(): { type: string };
}

/** A character-level tokenizer mapping code points to ids 0..vocabSize-1. */
export class CharTokenizer implements Tokenizer {
  readonly vocab: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(vocab: readonly string[]) {
    this.ids = new Map();
    Array.from(vocab).forEach((ch, i) => { // Array.from: a hole in a sparse array is visited (as missing)
      if (typeof ch !== 'string') throw new Error(`CharTokenizer: vocabulary entry ${i} is ${ch === undefined ? 'missing' : JSON.stringify(ch) ?? typeof ch}, not a one-character string.`);
      if (Array.from(ch).length !== 1) throw new Error(`CharTokenizer: vocabulary entry ${i} (${JSON.stringify(ch)}) is not a single code point.`);
      if (this.ids.has(ch)) throw new Error(`CharTokenizer: vocabulary entry ${JSON.stringify(ch)} appears twice.`);
      this.ids.set(ch, i);
    });
    if (vocab.length === 0) throw new Error('CharTokenizer: the vocabulary is empty; build it from a non-empty text.');
    this.vocab = [...vocab];
  }

  /** Builds the tokenizer from every distinct code point of `text`, sorted by code point. */
  static fromText(text: string): CharTokenizer {
    const set = new Set(Array.from(text));
    return new CharTokenizer([...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  /** Restores a tokenizer from its JSON form. */
  static fromJSON(json: CharTokenizerJSON): CharTokenizer {
    if (!json || json.type !== 'char' || !Array.isArray(json.vocab)) {
      throw new Error(`CharTokenizer.fromJSON expects { type: 'char', vocab: string[] }, got ${JSON.stringify(json)?.slice(0, 80)}.`);
    }
    return new CharTokenizer(json.vocab);
  }

  /** Number of distinct tokens. */
  get vocabSize(): number {
    return this.vocab.length;
  }

  /** Encodes `text` to ids; throws naming the first character outside the vocabulary. */
  encode(text: string): Int32Array {
    const chars = Array.from(text);
    const out = new Int32Array(chars.length);
    for (let i = 0; i < chars.length; i++) {
      const id = this.ids.get(chars[i]);
      if (id === undefined) {
        const cp = 'U+' + chars[i].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new Error(
          `CharTokenizer: character ${JSON.stringify(chars[i])} (${cp}) at position ${i} is not in the ${this.vocabSize}-character ` +
            `vocabulary; encode only text whose characters appeared in the training corpus.`,
        );
      }
      out[i] = id;
    }
    return out;
  }

  /** Decodes ids back to text; throws on an id outside 0..vocabSize-1. */
  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) {
      const ch = this.vocab[ids[i]];
      if (ch === undefined) throw new Error(`CharTokenizer: id ${ids[i]} at position ${i} is outside 0..${this.vocabSize - 1}.`);
      s += ch;
    }
    return s;
  }

  /** JSON form (see CharTokenizerJSON). */
  toJSON(): CharTokenizerJSON {
    return { type: 'char', vocab: [...this.vocab] };
  }
}
