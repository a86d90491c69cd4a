import { contextHash } from '../context/hash.ts';
import type { ProductContext } from '../context/schema.ts';
import { sessionize, type Session, type SessionEventInput } from '../sessionize/index.ts';
import { detectSignals, DETECTORS } from '../signals/detect.ts';
import type { MessageEmbeddings } from '../signals/embeddings.ts';
import type { Detector } from '../signals/emit.ts';
import { createFollowUpClassifier, type FollowUpClassifier } from '../signals/follow-up.ts';
import type { Signal } from '../signals/types.ts';
import { buildView } from '../signals/view.ts';
import { labelGeneration, type GenerationLabel } from './label.ts';
import { sessionOutcome, type SessionOutcome } from './outcome.ts';

export interface LabelOptions {
  /** Now (epoch ms or ISO): closes the session after the context's inactivity. Without it, only `session_end` does. */
  now?: number | string;
  /** Replaces the default rule-based follow-up classifier. */
  classifier?: FollowUpClassifier;
  /** Message event id → embedding (see `embedMessages`): rephrase detection by cosine when both sides have one. */
  embeddings?: MessageEmbeddings;
  /** Replaces the built-in detectors (e.g. to add your own: `[...DETECTORS, mine]`). */
  detectors?: readonly Detector[];
}

/** The session summary a worker needs to schedule the next recompute. */
export type SessionSummary = Omit<Session, 'events'> & { events: number };

export interface SessionLabels {
  session: SessionSummary;
  signals: Signal[];
  /** One per generation of the session, in the order they were shown. */
  labels: GenerationLabel[];
  outcome: SessionOutcome;
}

const classifiers = new WeakMap<ProductContext, FollowUpClassifier>();

/** The default follow-up classifier under a context's thresholds (one per context object). */
function defaultClassifier(context: ProductContext): FollowUpClassifier {
  let c = classifiers.get(context);
  if (c === undefined) {
    const rr = context.signals.rephrase_retry;
    c = createFollowUpClassifier({ rephrase: rr.threshold, embeddingRephrase: rr.embeddingThreshold });
    classifiers.set(context, c);
  }
  return c;
}

/** The session with the count of its events instead of the events (their count last). */
function summary(s: Session): SessionSummary {
  const out = {
    sessionId: s.sessionId,
    duplicates: s.duplicates,
    clockCorrections: s.clockCorrections,
    skewMs: s.skewMs,
    startAt: s.startAt,
    lastAt: s.lastAt,
    closed: s.closed,
    closesAt: s.closesAt,
  } as SessionSummary;
  if (s.closedBy !== undefined) out.closedBy = s.closedBy;
  out.events = s.events.length;
  return out;
}

/**
 * Labels one session: sessionizes its events, runs every detector under the product context,
 * and combines the signals into a label per generation and an outcome for the session. Pure and
 * deterministic: the same events, context and `now` give the same result, so a late event means
 * recomputing the session with all its events.
 *
 * @example
 * const ctx = builtinContext('chat');
 * const { signals, labels, outcome } = labelSession(events, ctx, { now: Date.now() });
 * for (const l of labels) if (l.route === 'train') console.log(l.generationId, l.grade, l.pGood);
 */
export function labelSession(
  events: readonly SessionEventInput[],
  context: ProductContext,
  options: LabelOptions = {},
): SessionLabels {
  const session = sessionize(events, {
    ...(options.now !== undefined ? { now: options.now } : {}),
    inactivityMs: context.session.inactivityMinutes * 60_000,
    maxSkewMs: context.session.maxClockSkewSeconds * 1000,
  });
  const classifier = options.classifier ?? defaultClassifier(context);
  const view = buildView(session, context, {
    classifier,
    ...(options.embeddings ? { embeddings: options.embeddings } : {}),
  });
  const signals = detectSignals(view, options.detectors ?? DETECTORS);
  const byGeneration = new Map<string, Signal[]>();
  for (const s of signals) {
    if (s.generationId === undefined) continue;
    const list = byGeneration.get(s.generationId);
    if (list) list.push(s);
    else byGeneration.set(s.generationId, [s]);
  }
  const labels = view.ordered.map((g) =>
    labelGeneration(g, byGeneration.get(g.id) ?? [], context, session.closed),
  );
  return {
    session: summary(session),
    signals,
    labels,
    outcome: sessionOutcome(view, signals, contextHash(context)),
  };
}

/**
 * Labels many sessions' events at once (a batch job, a notebook): groups them by session id.
 * Memory grows with the input; a streaming job should group by session itself and call
 * `labelSession` as each session closes.
 */
export function labelSessions(
  events: readonly SessionEventInput[],
  context: ProductContext,
  options: LabelOptions = {},
): SessionLabels[] {
  const bySession = new Map<string, SessionEventInput[]>();
  for (const e of events) {
    const list = bySession.get(e.sessionId);
    if (list) list.push(e);
    else bySession.set(e.sessionId, [e]);
  }
  return [...bySession.values()].map((es) => labelSession(es, context, options));
}
