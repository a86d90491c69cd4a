import type { Detector } from './emit.ts';
import { followUpSignals } from './follow-up-signal.ts';

/** `builds_on_followup`: the next message works with the answer ("now make it shorter"): positive. */
export const detectBuildsOnFollowup: Detector = (view) =>
  followUpSignals(view, 'builds_on_followup', 'builds_on');
