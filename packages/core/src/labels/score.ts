import type { ProductContext } from '../context/schema.ts';
import type { Evidence } from './evidence.ts';

export type Route = 'train' | 'review' | 'discard';

/** What the evidence says about a generation, before the grade. */
export interface Score {
  /** P(good): the prior's log-odds plus the net evidence, through the logistic function. */
  pGood: number;
  /**
   * How settled the label is, 0..1: tanh(|net evidence| / 2) — the distance of P(good) from ½ had
   * the prior been ½ — scaled down by the share of the evidence that disagrees. No evidence: 0.
   */
  confidence: number;
  /** Evidence points both ways in earnest (see `routes.mixed`). */
  mixed: boolean;
  route: Route;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Scores combined evidence under a context: P(good), confidence, mixed, and the route — `train`
 * when confident and not mixed, `review` when there is something to look at (some confidence, or
 * mixed evidence), `discard` when there is next to nothing (a generation with no evidence gets no
 * confident label).
 */
export function scoreEvidence(e: Evidence, context: ProductContext): Score {
  const net = e.positive - e.negative;
  const total = e.positive + e.negative;
  const minority = Math.min(e.positive, e.negative);
  const pGood = sigmoid(logit(context.prior) + net);
  const confidence = total === 0 ? 0 : Math.tanh(Math.abs(net) / 2) * (1 - minority / total);
  const m = context.routes.mixed;
  const mixed = total > 0 && minority >= m.minStrength && minority / total >= m.minorityShare;
  const r = context.routes;
  const route: Route =
    e.groups > 0 && confidence >= r.train.minConfidence && (!mixed || r.train.allowMixed)
      ? 'train'
      : e.groups > 0 && (confidence >= r.review.minConfidence || mixed)
        ? 'review'
        : 'discard';
  return { pGood, confidence, mixed, route };
}
