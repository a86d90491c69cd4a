import { detectAbandoned } from './abandoned.ts';
import { detectAccepted } from './accepted.ts';
import { detectBackNavigation } from './back-navigation.ts';
import { detectBuildsOnFollowup } from './builds-on-followup.ts';
import { detectCompleted } from './completed.ts';
import { detectCorrectionFollowup } from './correction-followup.ts';
import { detectDownstream } from './downstream.ts';
import { detectEdits } from './edits.ts';
import type { Detector } from './emit.ts';
import { detectFeedback } from './feedback.ts';
import { detectImmediateUndo } from './immediate-undo.ts';
import { detectLongDwell } from './long-dwell.ts';
import { detectProceeded } from './proceeded.ts';
import { detectReadDepth } from './read-depth.ts';
import { detectRegenerated } from './regenerated.ts';
import { detectRephraseRetry } from './rephrase-retry.ts';
import type { Signal } from './types.ts';
import type { SessionView } from './view.ts';

/** Every built-in detector, in a fixed order (so signal lists are deterministic). */
export const DETECTORS: readonly Detector[] = [
  detectAccepted,
  detectImmediateUndo,
  detectEdits,
  detectDownstream,
  detectRegenerated,
  detectRephraseRetry,
  detectCorrectionFollowup,
  detectBuildsOnFollowup,
  detectProceeded,
  detectAbandoned,
  detectBackNavigation,
  detectLongDwell,
  detectReadDepth,
  detectFeedback,
  detectCompleted,
];

/** All signals of a session under its view's product context. */
export function detectSignals(view: SessionView, detectors: readonly Detector[] = DETECTORS): Signal[] {
  const out: Signal[] = [];
  for (const d of detectors) for (const s of d(view)) out.push(s);
  return out;
}
