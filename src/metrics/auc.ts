// Ranking metrics for anomaly detection: area under the ROC curve (Mann–Whitney U statistic, ties
// counted half) and average precision (scikit-learn's step-wise area under the precision–recall curve).

function check(scores: ArrayLike<number>, labels: ArrayLike<number>): { pos: number; neg: number } {
  if (scores.length !== labels.length) throw new Error(`AUC: ${scores.length} scores but ${labels.length} labels.`);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new Error(`AUC: labels must be 0 (normal) or 1 (anomaly); got ${labels[i]} at ${i}.`);
    if (!Number.isFinite(scores[i])) throw new Error(`AUC: score ${scores[i]} at ${i} is not finite.`);
    pos += labels[i];
  }
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) throw new Error(`AUC needs both classes; got ${pos} positives and ${neg} negatives.`);
  return { pos, neg };
}

/** Indices sorted by score, descending (stable). */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** AUROC = P(score of a positive > score of a negative) + ½ P(tie); labels 1 = positive (anomaly). */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { pos, neg } = check(scores, labels);
  const order = byScoreDesc(scores).reverse(); // ascending
  // average ranks (1-based) over tie groups, then U = Σ rank(pos) − pos(pos+1)/2
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const avg = (i + j + 2) / 2;
    for (let t = i; t <= j; t++) if (labels[order[t]] === 1) rankSum += avg;
    i = j + 1;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over distinct score thresholds, highest first (sklearn's definition). */
export function auprc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { pos } = check(scores, labels);
  const order = byScoreDesc(scores);
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let t = i; t <= j; t++) tp += labels[order[t]];
    seen += j - i + 1;
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j + 1;
  }
  return ap;
}
