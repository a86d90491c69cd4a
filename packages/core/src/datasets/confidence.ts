/** P(good) given to the user's own final text: they wrote it and kept it. */
export const USER_TEXT_P_GOOD = 0.95;

const clamp = (p: number) => Math.min(0.99, Math.max(0.01, p));
const logit = (p: number) => Math.log(clamp(p) / (1 - clamp(p)));

/**
 * The confidence of a preference pair: P(chosen ≻ rejected) read from the two sides' labels as a
 * Bradley–Terry comparison, `σ(logit p(chosen) − logit p(rejected))`, where p is each side's
 * P(good) (clamped to [0.01, 0.99]) and the user's own edited text counts as `USER_TEXT_P_GOOD`.
 * A heavy rewrite of a bad output gives ~0.98; a touch-up of an output that was fine ~0.8.
 *
 * @example
 * pairConfidence(USER_TEXT_P_GOOD, 0.2) // 0.987
 */
export function pairConfidence(pChosen: number, pRejected: number): number {
  const x = logit(pChosen) - logit(pRejected);
  return Number((1 / (1 + Math.exp(-x))).toFixed(4));
}
