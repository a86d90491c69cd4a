import type { SignalKind } from '../context/schema.ts';
import type { TimedEvent } from '../sessionize/index.ts';
import type { Polarity, Signal } from './types.ts';
import type { SessionView } from './view.ts';
import { isoString } from '../sessionize/time.ts';

export interface Emission {
  generationId?: string;
  evidence: readonly TimedEvent[];
  /** Overrides the configured strength (a partial copy, a regeneration after a copy). */
  strength?: number;
  /** Overrides the configured polarity (read depth: shallow reading is the opposite). */
  polarity?: Polarity;
  details?: Signal['details'];
}

/**
 * A signal of `kind` under the view's product context, or nothing when the context disables it.
 * Its id is deterministic (kind, generation, first evidence event), so recomputing a session gives
 * the same ids and a store can upsert them.
 */
export function emit(view: SessionView, kind: SignalKind, e: Emission): Signal | undefined {
  const config = view.context.signals[kind];
  if (!config.enabled || e.evidence.length === 0) return undefined;
  let last = e.evidence[0] as TimedEvent;
  for (const t of e.evidence) if (t.at > last.at) last = t;
  const evidence = e.evidence.map((t) => t.event.id);
  const signal: Signal = {
    id: `${kind}:${e.generationId ?? '-'}:${evidence[0] ?? ''}`,
    kind,
    polarity: e.polarity ?? config.polarity,
    strength: e.strength ?? config.strength,
    sessionId: view.session.sessionId,
    evidence,
    at: isoString(last.at),
  };
  if (e.generationId !== undefined) signal.generationId = e.generationId;
  if (e.details !== undefined) signal.details = e.details;
  return signal;
}

/** The opposite polarity. */
export function flip(p: Polarity): Polarity {
  return p === 'positive' ? 'negative' : 'positive';
}

/** A detector: a pure function of an indexed session to the signals of one concern. */
export type Detector = (view: SessionView) => Signal[];

/** Keeps the defined values (emit returns undefined for a disabled signal). */
export function defined(xs: readonly (Signal | undefined)[]): Signal[] {
  return xs.filter((x): x is Signal => x !== undefined);
}
