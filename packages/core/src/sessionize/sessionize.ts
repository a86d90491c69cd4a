import type { EventType } from '../schema/event.ts';
import { correctClocks } from './clock.ts';
import { toMillis, type SessionEventInput, type TimedEvent } from './input.ts';

export interface SessionizeOptions {
  /** The time to judge inactivity against (epoch ms or ISO). Without it, only `session_end` closes. */
  now?: number | string;
  /** A session with no event for this long is closed. Default 30 minutes. */
  inactivityMs?: number;
  /** Clock skew tolerated before correcting a client's clock. Default 60 s. */
  maxSkewMs?: number;
}

/** One session's events in order, deduplicated, and whether it is over. */
export interface Session {
  sessionId: string;
  /** Deduplicated events in corrected time order. */
  events: TimedEvent[];
  /** Events dropped because their id was seen before. */
  duplicates: number;
  /** Events whose client time was corrected against the server's receive time. */
  clockCorrections: number;
  /** Median of receive time minus client time over the session, ms (0 when unknown). */
  skewMs: number;
  startAt: number;
  lastAt: number;
  closed: boolean;
  closedBy?: 'session_end' | 'inactivity';
  /**
   * When inactivity closes the session if nothing else arrives (epoch ms). A worker recomputes the
   * session then, and whenever a late event arrives.
   */
  closesAt: number;
}

/** Order of simultaneous events: what the user said, then what the model showed, then the rest. */
function rank(t: EventType): number {
  switch (t) {
    case 'message':
      return 0;
    case 'generation':
      return 1;
    case 'session_end':
      return 9;
    default:
      return 5;
  }
}

/** The order of events `i` and `j`: time, then rank, then receive time, then id. */
function compareAt(
  timed: readonly TimedEvent[],
  ranks: readonly number[],
  received: readonly number[],
  i: number,
  j: number,
): number {
  const a = timed[i] as TimedEvent;
  const b = timed[j] as TimedEvent;
  return (
    a.at - b.at ||
    (ranks[i] as number) - (ranks[j] as number) ||
    (received[i] as number) - (received[j] as number) ||
    (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0)
  );
}

/**
 * Sessionizes the events of one session: dedupes by event id (the first received wins), orders
 * them by client time corrected against receive time, and says whether the session is closed
 * (a `session_end`, or `inactivityMs` without events before `now`). Pure: give it every event of
 * the session, including late ones, and it recomputes the same view.
 *
 * @example
 * const s = sessionize(rows, { now: Date.now(), inactivityMs: 30 * 60_000 });
 * if (!s.closed) scheduleRecompute(s.sessionId, s.closesAt);
 */
export function sessionize(events: readonly SessionEventInput[], options: SessionizeOptions = {}): Session {
  const inactivityMs = options.inactivityMs ?? 30 * 60_000;
  const maxSkewMs = options.maxSkewMs ?? 60_000;
  // Kept events in first-arrival order; a duplicate received earlier takes its copy's place.
  const index = new Map<string, number>();
  let timed: TimedEvent[] = [];
  let duplicates = 0;
  for (const input of events) {
    const id = input.id;
    const receivedAt = toMillis(input.receivedAt);
    const k = index.get(id);
    if (k !== undefined) {
      duplicates++;
      const seen = timed[k] as TimedEvent;
      if (receivedAt === undefined || (seen.receivedAt !== undefined && receivedAt >= seen.receivedAt))
        continue;
    }
    // The input object is kept as is (its extra `receivedAt` is harmless): no copy per event.
    const clientAt = toMillis(input.ts) ?? receivedAt ?? 0;
    const t: TimedEvent =
      receivedAt !== undefined
        ? { event: input, at: clientAt, clientAt, receivedAt }
        : { event: input, at: clientAt, clientAt };
    if (k === undefined) {
      index.set(id, timed.length);
      timed.push(t);
    } else timed[k] = t;
  }
  const { at, corrected, skewMs } = correctClocks(timed, maxSkewMs);
  // Sort keys read once per event into flat arrays: the comparator then touches no event object
  // (events come in many shapes, and reading them in a sort is what cost most here).
  const n = timed.length;
  const ranks = new Array<number>(n);
  const received = new Array<number>(n);
  let ended = false;
  for (let k = 0; k < n; k++) {
    const t = timed[k] as TimedEvent;
    t.at = at[k] as number;
    const type = t.event.type;
    if (type === 'session_end') ended = true;
    ranks[k] = rank(type);
    received[k] = t.receivedAt ?? 0;
  }
  // Events mostly arrive in order: check before sorting. The sort is stable, so sorting positions
  // and sorting the events with the same comparison give the same order.
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) if (compareAt(timed, ranks, received, k - 1, k) > 0) sorted = false;
  if (!sorted) {
    const all = timed;
    const order = Array.from({ length: n }, (_, k) => k).sort((i, j) =>
      compareAt(all, ranks, received, i, j),
    );
    timed = order.map((k) => all[k] as TimedEvent);
  }
  const startAt = timed[0]?.at ?? 0;
  const lastAt = n > 0 ? (timed[n - 1] as TimedEvent).at : 0;
  const closesAt = lastAt + inactivityMs;
  const now = toMillis(options.now);
  const session: Session = {
    sessionId: timed[0]?.event.sessionId ?? events[0]?.sessionId ?? '',
    events: timed,
    duplicates,
    clockCorrections: corrected,
    skewMs,
    startAt,
    lastAt,
    closed: false,
    closesAt,
  };
  if (ended) {
    session.closed = true;
    session.closedBy = 'session_end';
  } else if (now !== undefined && n > 0 && now >= closesAt) {
    session.closed = true;
    session.closedBy = 'inactivity';
  }
  return session;
}
