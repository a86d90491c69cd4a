import { served } from '../signals/abandoned.ts';
import type { Signal } from '../signals/types.ts';
import type { SessionView } from '../signals/view.ts';

/** How a session ended. */
export interface SessionOutcome {
  sessionId: string;
  /** completed: a product completion; abandoned: left mid-workflow; unknown: open, or ended well without a completion. */
  status: 'completed' | 'abandoned' | 'unknown';
  reason: 'completion' | 'abandoned' | 'good_abandonment' | 'open' | 'no_generations' | 'ended';
  closed: boolean;
  /** Rephrased retries and regenerations in the session. */
  retries: number;
  corrections: number;
  generations: number;
  /** Event ids behind the status (completion events, or the abandonment's). */
  evidence: string[];
  contextHash: string;
}

/**
 * The outcome of a session from its signals: `completed` when a product completion happened,
 * `abandoned` when the session closed right after an output the user did nothing with, `unknown`
 * otherwise — still open, or closed after the user used the last output or read it to the end
 * ("good abandonment": a copy then leaving is not a failure, but not a declared completion either).
 */
export function sessionOutcome(view: SessionView, signals: readonly Signal[], hash: string): SessionOutcome {
  let retries = 0;
  let corrections = 0;
  const completed: string[] = [];
  let abandoned: Signal | undefined;
  for (const s of signals) {
    if (s.kind === 'rephrase_retry' || s.kind === 'regenerated') retries++;
    else if (s.kind === 'correction_followup') corrections++;
    else if (s.kind === 'completed') completed.push(...s.evidence);
    else if (s.kind === 'abandoned') abandoned = s;
  }
  const base = {
    sessionId: view.session.sessionId,
    closed: view.session.closed,
    retries,
    corrections,
    generations: view.ordered.length,
    contextHash: hash,
  };
  if (view.completions.length > 0) {
    return {
      ...base,
      status: 'completed',
      reason: 'completion',
      evidence: completed.length > 0 ? completed : view.completions.map((t) => t.event.id),
    };
  }
  if (!view.session.closed) return { ...base, status: 'unknown', reason: 'open', evidence: [] };
  if (view.ordered.length === 0)
    return { ...base, status: 'unknown', reason: 'no_generations', evidence: [] };
  const last = view.ordered[view.ordered.length - 1];
  // Judged here too, not only through the signal: the outcome holds even if `abandoned` is disabled.
  if (last !== undefined && !served(last, view.context)) {
    const evidence = abandoned?.evidence ?? [last.shown?.event.id ?? last.id];
    return { ...base, status: 'abandoned', reason: 'abandoned', evidence };
  }
  const good = signals.filter((s) => s.generationId === last?.id && s.polarity === 'positive');
  return good.length > 0
    ? { ...base, status: 'unknown', reason: 'good_abandonment', evidence: good.flatMap((s) => s.evidence) }
    : { ...base, status: 'unknown', reason: 'ended', evidence: [] };
}
