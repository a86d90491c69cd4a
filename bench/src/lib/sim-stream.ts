import { readFileSync } from 'node:fs';
import {
  builtinContext,
  isBuiltinContextName,
  parseContext,
  productContextSchema,
  type BuiltinContextName,
  type ProductContext,
} from '@tacit/core/context';
import type { TacitEvent } from '@tacit/core';
import type { SessionEventInput } from '@tacit/core/sessionize';
import type { GenerationTruth, MessageTruth, SessionTruth, SimRecord } from '@tacit/simulator';
import { errorText } from '@tacit/core';

/** The hidden truth of one session, gathered while its events stream by. */
export interface SessionTruthSet {
  generations: GenerationTruth[];
  messages: MessageTruth[];
  session?: SessionTruth;
}

/** A session whose buffer was closed: all its events as a server would hold them, and when. */
export interface ClosedSession {
  sessionId: string;
  events: SessionEventInput[];
  /** The context it is labelled under (by its events' `context.contentType`, or the one given). */
  context: ProductContext;
  /** Stream time (delivery clock, epoch ms) when the buffer was closed: the `now` to label at. */
  now: number;
  truth?: SessionTruthSet;
}

export interface StreamStats {
  events: number;
  sessions: number;
  /** Most buffers open at once: what memory follows. */
  peakOpenSessions: number;
  /** Events that arrived for a session whose buffer had already been closed (dropped). */
  lateAfterClose: number;
}

export interface StreamOptions {
  /**
   * Keep buffered events as JSON text, as a store would, and parse them when the session is
   * labelled; the time spent is added to `store.ms`. A buffered event object is a dozen small
   * objects that every young-generation collection copies while they wait; a string is one.
   */
  store?: { ms: number };
  /** Keep a buffer this long past the session's inactivity window, for late deliveries. Default 15 min. */
  settleMs?: number;
  /** Keep a buffer this long after its `session_end`, for duplicate deliveries. Default 2 min. */
  endGraceMs?: number;
  /** Gather the truth records beside the events (the evals); the benchmark does not. */
  truth?: boolean;
  /** Which context labels a session. Default: `contextFor` by content type. */
  context?: (contentType: string | undefined) => ProductContext;
}

/** The built-in context for a content type (`chat` for anything it does not know). */
export function builtinFor(contentType: string | undefined): BuiltinContextName {
  return contentType !== undefined && isBuiltinContextName(contentType) ? contentType : 'chat';
}

/**
 * Contexts for the `--context` option: a built-in name or a YAML/JSON file applies to every
 * session; without it each session gets the built-in context of its content type (a `mixed`
 * product: each user uses one of chat, code, writing, support).
 */
export function contextChooser(
  arg: string | undefined,
  overrides: readonly string[] = [],
): (contentType: string | undefined) => ProductContext {
  const set = (c: ProductContext) => applyOverrides(c, overrides);
  if (arg === undefined) {
    const cache = new Map<BuiltinContextName, ProductContext>();
    return (ct) => {
      const name = builtinFor(ct);
      let c = cache.get(name);
      if (c === undefined) cache.set(name, (c = set(builtinContext(name))));
      return c;
    };
  }
  if (isBuiltinContextName(arg)) {
    const c = set(builtinContext(arg));
    return () => c;
  }
  const r = parseContext(readFileSync(arg, 'utf8'));
  if (!r.ok) throw new Error(`${arg}: ${errorText(r.errors)}`);
  const c = set(r.value);
  return () => c;
}

/**
 * `PATH=VALUE` settings laid over a context (`signals.read_depth.strength=0.2`), validated as a
 * whole: for ablations and sensitivity runs without writing a file per product.
 */
export function applyOverrides(context: ProductContext, overrides: readonly string[]): ProductContext {
  if (overrides.length === 0) return context;
  const out = structuredClone(context) as unknown as Record<string, unknown>;
  for (const o of overrides) {
    const eq = o.indexOf('=');
    if (eq < 0) throw new Error(`--set ${o}: expected PATH=VALUE`);
    const path = o.slice(0, eq).split('.');
    const raw = o.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a bare string
    }
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object') throw new Error(`--set ${o}: no ${key} in the context`);
      node = next as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
  const r = productContextSchema.safeParse(out);
  if (!r.success)
    throw new Error(`--set: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

interface OpenSession {
  /** The events, or their JSON text with `store`. */
  events: (TacitEvent | string)[];
  /** Delivery time of each event. */
  received: number[];
  context: ProductContext;
  lastReceived: number;
  /** A `session_end` arrived: the buffer closes after a short grace. */
  ended: boolean;
  truth?: SessionTruthSet;
}

/** A binary min-heap of (time, session id): when each open buffer is due, at the latest. */
class DueQueue {
  readonly #at: number[] = [];
  readonly #ids: string[] = [];

  get size(): number {
    return this.#at.length;
  }

  peek(): number | undefined {
    return this.#at[0];
  }

  push(at: number, id: string): void {
    const a = this.#at;
    const ids = this.#ids;
    let i = a.length;
    a.push(at);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as number) <= at) break;
      a[i] = a[p] as number;
      ids[i] = ids[p] as string;
      i = p;
    }
    a[i] = at;
    ids[i] = id;
  }

  pop(): string | undefined {
    const a = this.#at;
    const ids = this.#ids;
    const top = ids[0];
    const lastAt = a.pop();
    const lastId = ids.pop();
    if (a.length === 0 || lastAt === undefined || lastId === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
      if ((a[c] as number) >= lastAt) break;
      a[i] = a[c] as number;
      ids[i] = ids[c] as string;
      i = c;
    }
    a[i] = lastAt;
    ids[i] = lastId;
    return top;
  }
}

/**
 * Groups a simulated stream (events in delivery order, truth records beside them) into sessions
 * the way a streaming worker would: a buffer per open session, keyed by session id, closed once
 * the stream's clock (the latest delivery time) has passed the session's last event by its
 * context's inactivity window plus `settleMs`, or by `endGraceMs` after a `session_end`. Memory
 * follows the sessions open at once, not the length of the stream. Each event keeps its delivery
 * time as `receivedAt`, so the sessionizer can guard against skewed client clocks as it does on a
 * server.
 *
 * The grace after a `session_end` catches duplicate deliveries (seconds later); events delivered
 * later than that for a closed session are dropped and counted (`lateAfterClose`) — a worker
 * reading from the store would recompute the session instead. A session's truth records arrive
 * before its events (the simulator decides a session before delivering it).
 */
export function* sessionStream(
  records: Iterable<SimRecord>,
  options: StreamOptions = {},
  stats: StreamStats = { events: 0, sessions: 0, peakOpenSessions: 0, lateAfterClose: 0 },
): Generator<ClosedSession, StreamStats> {
  const settleMs = options.settleMs ?? 15 * 60_000;
  const endGraceMs = options.endGraceMs ?? 2 * 60_000;
  const chooseContext = options.context ?? contextChooser(undefined);
  const store = options.store;
  const open = new Map<string, OpenSession>();
  // When each buffer is due at the latest. An event only updates its session (no queue work); an
  // entry that comes up early is put back with the session's current due time.
  const queue = new DueQueue();
  const pendingTruth = new Map<string, SessionTruthSet>();
  // Recently closed ids, to drop (and count) stragglers; forgotten after a while so that memory
  // stays bounded.
  const closed = new Map<string, number>();
  const forgetAfterMs = Math.max(settleMs, endGraceMs) + 60 * 60_000;
  let now = -Infinity;
  const due = (s: OpenSession) =>
    s.lastReceived + (s.ended ? endGraceMs : s.context.session.inactivityMinutes * 60_000 + settleMs);
  const close = (id: string, s: OpenSession): ClosedSession => {
    open.delete(id);
    closed.set(id, now);
    stats.sessions++;
    // The server's receive time goes on each event as the store would return it. The copies are
    // made here, when the session is labelled, so that they die young: buffered objects that
    // survive garbage collections cost far more than short-lived ones.
    const t0 = store ? performance.now() : 0;
    // (Object.assign, not a spread: objects spread from events of many shapes come out in shapes
    // that every later property read pays for, ten times over.)
    const events = s.events.map((e, i) =>
      typeof e === 'string'
        ? // Parsed, then assembled field by field as the store's row mapper does (toStoredEvent).
          (Object.assign({}, JSON.parse(e) as object) as SessionEventInput)
        : (Object.assign({}, e, { receivedAt: s.received[i] as number }) as SessionEventInput),
    );
    if (store) store.ms += performance.now() - t0;
    return {
      sessionId: id,
      events,
      context: s.context,
      now,
      ...(s.truth ? { truth: s.truth } : {}),
    };
  };
  for (const r of records) {
    if (r.kind !== 'event') {
      if (options.truth !== true) continue;
      let t = pendingTruth.get(r.sessionId);
      if (t === undefined) pendingTruth.set(r.sessionId, (t = { generations: [], messages: [] }));
      if (r.kind === 'generation') t.generations.push(r);
      else if (r.kind === 'message') t.messages.push(r);
      else t.session = r;
      continue;
    }
    now = Math.max(now, r.receivedAt);
    while ((queue.peek() ?? Infinity) <= now) {
      const id = queue.pop() as string;
      const s = open.get(id);
      if (s === undefined) continue;
      const d = due(s);
      if (d <= now) yield close(id, s);
      else queue.push(d, id);
    }
    for (;;) {
      const first = closed.entries().next();
      if (first.done === true || first.value[1] + forgetAfterMs > now) break;
      closed.delete(first.value[0]);
    }
    stats.events++;
    const input = r.event;
    let s = open.get(input.sessionId);
    if (s === undefined) {
      if (closed.has(input.sessionId)) {
        stats.lateAfterClose++;
        continue;
      }
      s = {
        events: [],
        received: [],
        context: chooseContext(input.context?.contentType),
        lastReceived: r.receivedAt,
        ended: false,
      };
      const t = pendingTruth.get(input.sessionId);
      if (t !== undefined) {
        s.truth = t;
        pendingTruth.delete(input.sessionId);
      }
      open.set(input.sessionId, s);
      queue.push(due(s), input.sessionId);
      stats.peakOpenSessions = Math.max(stats.peakOpenSessions, open.size);
    }
    if (store) {
      const t0 = performance.now();
      // The store's row: the event with its receive time.
      s.events.push(JSON.stringify(Object.assign({}, input, { receivedAt: r.receivedAt })));
      store.ms += performance.now() - t0;
    } else s.events.push(input);
    s.received.push(r.receivedAt);
    s.lastReceived = r.receivedAt;
    if (input.type === 'session_end' && !s.ended) {
      s.ended = true;
      queue.push(due(s), input.sessionId);
    }
  }
  now = now + 365 * 86_400_000;
  for (const [id, s] of [...open]) yield close(id, s);
  return stats;
}
