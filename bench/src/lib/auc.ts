/**
 * Area under the ROC curve of a score against a binary truth, from counts per distinct score
 * (Mann–Whitney U, ties counted half): memory follows the number of distinct scores, not the
 * number of items, and labels from a few signals take few distinct values.
 */
export class AucCounter {
  readonly #counts = new Map<number, [positives: number, negatives: number]>();
  positives = 0;
  negatives = 0;

  add(score: number, positive: boolean): void {
    let c = this.#counts.get(score);
    if (c === undefined) this.#counts.set(score, (c = [0, 0]));
    if (positive) {
      c[0]++;
      this.positives++;
    } else {
      c[1]++;
      this.negatives++;
    }
  }

  get n(): number {
    return this.positives + this.negatives;
  }

  /** P(score of a random positive > score of a random negative) + ½ P(equal); NaN if a class is empty. */
  auc(): number {
    if (this.positives === 0 || this.negatives === 0) return Number.NaN;
    const scores = [...this.#counts.keys()].sort((a, b) => a - b);
    let negativesBelow = 0;
    let u = 0;
    for (const s of scores) {
      const [p, n] = this.#counts.get(s) as [number, number];
      u += p * (negativesBelow + n / 2);
      negativesBelow += n;
    }
    return u / (this.positives * this.negatives);
  }

  /** Standard error of the AUC (Hanley & McNeil 1982). */
  standardError(): number {
    const a = this.auc();
    const q1 = a / (2 - a);
    const q2 = (2 * a * a) / (1 + a);
    const np = this.positives;
    const nn = this.negatives;
    return Math.sqrt((a * (1 - a) + (np - 1) * (q1 - a * a) + (nn - 1) * (q2 - a * a)) / (np * nn));
  }
}
