/** Precision, recall and F1 of binary predictions. */
export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
  n: number;
}

export function binaryScores(labels: readonly number[], predicted: readonly boolean[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  labels.forEach((y, i) => {
    const p = predicted[i] === true;
    if (p && y === 1) tp++;
    else if (p) fp++;
    else if (y === 1) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, n: labels.length };
}

/** Rounded for printing. */
export function rounded(s: BinaryScores, digits = 4): BinaryScores {
  const r = (x: number) => Number(x.toFixed(digits));
  return { precision: r(s.precision), recall: r(s.recall), f1: r(s.f1), n: s.n };
}
