// Topic coherence by normalised pointwise mutual information (Lau, Newman & Baldwin 2014; NPMI of
// Bouma 2009) over document co-occurrence in a reference corpus.
import type { Rng } from '../random/rng.js';

/**
 * Mean NPMI over the word pairs of one topic: NPMI(i, j) = log(P(i, j) / (P(i) P(j))) / −log P(i, j),
 * with P from document frequencies in `docs` (sorted vocabulary-id sets); a pair that never co-occurs scores −1.
 */
export function topicNpmi(words: number[], docs: Int32Array[]): number {
  if (words.length < 2) throw new Error(`NPMI needs at least 2 words per topic, got ${words.length}.`);
  if (docs.length === 0) throw new Error('NPMI needs a non-empty reference corpus.');
  const n = docs.length;
  const pos = new Map(words.map((w, i) => [w, i]));
  const single = new Float64Array(words.length);
  const joint = new Float64Array(words.length * words.length);
  for (const d of docs) {
    const present: number[] = [];
    for (const w of d) {
      const i = pos.get(w);
      if (i !== undefined) present.push(i);
    }
    for (const i of present) single[i]++;
    for (let a = 0; a < present.length; a++) for (let b = a + 1; b < present.length; b++) joint[Math.min(present[a], present[b]) * words.length + Math.max(present[a], present[b])]++;
  }
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const pij = joint[i * words.length + j] / n;
      pairs++;
      if (pij === 0) {
        total += -1;
        continue;
      }
      if (pij === 1) {
        total += 1;
        continue;
      }
      total += Math.log(pij / ((single[i] / n) * (single[j] / n))) / -Math.log(pij);
    }
  }
  return total / pairs;
}

/** Per-topic NPMI and their mean for topics given as vocabulary-id lists. */
export function npmiCoherence(topics: number[][], docs: Int32Array[]): { perTopic: number[]; mean: number } {
  const perTopic = topics.map((t) => topicNpmi(t, docs));
  return { perTopic, mean: perTopic.reduce((a, b) => a + b, 0) / perTopic.length };
}

/** The random-word baseline: mean NPMI of `topics` × `size` distinct words drawn uniformly from the vocabulary. */
export function randomTopicsNpmi(vocabSize: number, topics: number, size: number, docs: Int32Array[], rng: Rng): number {
  const drawn = Array.from({ length: topics }, () => Array.from(rng.permutation(vocabSize).subarray(0, size)));
  return npmiCoherence(drawn, docs).mean;
}
