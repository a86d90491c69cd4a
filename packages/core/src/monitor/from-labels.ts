import type { GenerationResult, SessionOutcomeStatus, SessionResult } from './session-result.ts';

/**
 * Signal kinds that mean the user asked again: a rephrased retry, a regeneration, or a
 * correction ("no, I meant…"). A generation with any of them also carries the derived kind
 * `retried`, so `rate:retried` is the share of outputs the user had to ask again about: the
 * "retry rate" that rises when a model version gets worse.
 */
export const RETRY_KINDS: readonly string[] = ['rephrase_retry', 'regenerated', 'correction_followup'];

/** The derived kind of a generation the user retried (see `RETRY_KINDS`). */
export const RETRIED = 'retried';

/** What `sessionResultOf` reads: the labeling loop's output, as core returns it or the store keeps it. */
export interface LabeledSession {
  projectId: string;
  sessionId: string;
  /** When the session started (epoch ms or ISO): it decides the session's windows. */
  startedAt: number | string;
  cohort?: Readonly<Record<string, string>> | null | undefined;
  labels: readonly {
    generationId: string;
    grade: string | null;
    modelVersion?: string | undefined;
    promptVersion?: string | undefined;
    contentType?: string | undefined;
  }[];
  signals: readonly { kind: string; generationId?: string | undefined }[];
  outcome: { status: string; retries: number };
}

const OUTCOMES = new Set<string>(['completed', 'abandoned', 'unknown']);

/**
 * Maps a labeled session to what the rollups count: one `GenerationResult` per label with the
 * kinds of the signals about it (plus `retried` when one of them is a retry), the grade, the
 * session's outcome and retries. Pure; the worker's write and the drift evaluation use the same
 * mapping, so the rollups in the database are those the evaluation measures.
 *
 * @example
 * const r = labelSession(events, context, { now });
 * const result = sessionResultOf({ projectId, sessionId, startedAt: r.session.startAt, cohort,
 *   labels: r.labels, signals: r.signals, outcome: r.outcome });
 * rows = mergeRollups([...rows, ...rollupDelta(previous, result)]);
 */
export function sessionResultOf(s: LabeledSession): SessionResult {
  const kinds = new Map<string, Set<string>>();
  for (const sig of s.signals) {
    if (sig.generationId === undefined) continue;
    const set = kinds.get(sig.generationId) ?? new Set<string>();
    set.add(sig.kind);
    kinds.set(sig.generationId, set);
  }
  const generations: GenerationResult[] = s.labels.map((l) => {
    const set = kinds.get(l.generationId) ?? new Set<string>();
    const signals = [...set];
    if (RETRY_KINDS.some((k) => set.has(k))) signals.push(RETRIED);
    return {
      modelVersion: l.modelVersion,
      promptVersion: l.promptVersion,
      contentType: l.contentType,
      signals: signals.sort(),
      grade: l.grade ?? undefined,
    };
  });
  const startedAt = typeof s.startedAt === 'number' ? s.startedAt : Date.parse(s.startedAt);
  return {
    projectId: s.projectId,
    sessionId: s.sessionId,
    startedAt,
    ...(s.cohort ? { cohort: s.cohort } : {}),
    outcome: OUTCOMES.has(s.outcome.status) ? (s.outcome.status as SessionOutcomeStatus) : 'unknown',
    retries: s.outcome.retries,
    generations,
  };
}
