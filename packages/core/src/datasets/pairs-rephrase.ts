import { pairConfidence } from './confidence.ts';
import { acceptedAnswer } from './examples.ts';
import { pairOf, sameText } from './pair-common.ts';
import type { SessionIndex } from './session-index.ts';
import type { PreferencePair } from './types.ts';

export interface RephrasePairOptions {
  /**
   * Whose prompt a rephrase pair carries. `final_phrasing` (default): the accepted answer's prompt,
   * i.e. the user's last phrasing, which says what they meant, so the pair teaches the model to
   * give the accepted answer to that request. `original`: the failed answer's prompt, which
   * teaches it to answer the first phrasing as it should have.
   */
  promptPolicy?: 'final_phrasing' | 'original';
}

/**
 * Pairs from rephrased retries: the answer to a phrasing the user then retried is
 * rejected; the answer they accepted at the end of the retry chain (P(good) ≥ 0.5, accepted or
 * lightly edited) is chosen. A chain that ends without an accepted answer makes no pair.
 */
export function rephrasePairs(ix: SessionIndex, options: RephrasePairOptions = {}): PreferencePair[] {
  const policy = options.promptPolicy ?? 'final_phrasing';
  const out: PreferencePair[] = [];
  if (!ix.hasRetries) return out;
  for (const [id, signals] of ix.signals) {
    const retry = signals.find((s) => s.kind === 'rephrase_retry');
    if (retry === undefined) continue;
    const r = ix.generations.get(id);
    const rl = ix.labels.get(id);
    const messageId = ix.messageOf(id);
    if (r === undefined || rl === undefined || messageId === undefined) continue;
    const last = ix.chain(messageId).last;
    if (last === messageId) continue;
    const chosen = acceptedAnswer(ix, last);
    const cl = chosen !== undefined ? ix.labels.get(chosen.id) : undefined;
    if (chosen === undefined || cl === undefined || sameText(chosen.output, r.output)) continue;
    out.push(
      pairOf(ix, 'rephrase', r, rl, {
        prompt: policy === 'final_phrasing' ? chosen.prompt : r.prompt,
        chosen: chosen.output,
        chosenId: chosen.id,
        chosenGenerationId: chosen.id,
        confidence: pairConfidence(cl.pGood, rl.pGood),
        at: ix.clientTime([chosen.event.id], cl.at),
        signals: signals.filter((s) => s.polarity === 'negative'),
        promptPolicy: policy,
      }),
    );
  }
  return out;
}
