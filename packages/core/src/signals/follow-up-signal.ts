import type { SignalKind } from '../context/schema.ts';
import { emit } from './emit.ts';
import type { FollowUpKind } from './follow-up.ts';
import type { Signal } from './types.ts';
import type { FollowUp, SessionView } from './view.ts';

/**
 * The signal of one kind of follow-up on the answer it follows, when it came within the signal's
 * `withinMinutes` of that answer.
 */
export function followUpSignals(
  view: SessionView,
  kind: Extract<SignalKind, 'rephrase_retry' | 'correction_followup' | 'builds_on_followup' | 'proceeded'>,
  verdict: FollowUpKind,
  accept: (f: FollowUp) => boolean = () => true,
): Signal[] {
  const within = view.context.signals[kind].withinMinutes * 60_000;
  const out: Signal[] = [];
  for (const f of view.followUps) {
    if (f.verdict.kind !== verdict || f.answer === undefined || f.gapMs > within || !accept(f)) continue;
    const s = emit(view, kind, {
      generationId: f.answer.id,
      evidence: [f.previous.event, f.next.event],
      details: {
        similarity: Number(f.verdict.similarity.toFixed(4)),
        by: f.verdict.by,
        messageId: f.next.id,
        previousMessageId: f.previous.id,
        gapMs: f.gapMs,
        ...(f.verdict.cues.length > 0 ? { cues: f.verdict.cues } : {}),
      },
    });
    if (s) out.push(s);
  }
  return out;
}
