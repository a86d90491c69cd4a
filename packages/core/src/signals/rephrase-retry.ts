import type { Detector } from './emit.ts';
import { followUpSignals } from './follow-up-signal.ts';

/**
 * `rephrase_retry`: the user's next message, within `withinMinutes` of the answer, asks the same
 * thing in other words: the answer failed. Negative for the answer the user saw last. The rephrased
 * message (`details.messageId`) is the better prompt for an eval example.
 */
export const detectRephraseRetry: Detector = (view) => followUpSignals(view, 'rephrase_retry', 'rephrase');
