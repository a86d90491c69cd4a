import type { Detector } from './emit.ts';
import { followUpSignals } from './follow-up-signal.ts';

/** `correction_followup`: the next message re-explains the task ("no, I meant …"): negative. */
export const detectCorrectionFollowup: Detector = (view) =>
  followUpSignals(view, 'correction_followup', 'correction');
