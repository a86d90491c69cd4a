import { readFileSync } from 'node:fs';
import {
  builtinContext,
  isBuiltinContextName,
  parseContext,
  productContextSchema,
  type BuiltinContextName,
  type ProductContext,
} from '@tacit/core/context';
import type { SessionEventInput } from '@tacit/core/sessionize';
import type { GenerationTruth, MessageTruth, SessionTruth, SimRecord } from '@tacit/simulator';

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
  /** Keep a buffer this long past the session's inactivity window, for late deliveries. Default 60 min. */
  settleMs?: number;
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
  if (!r.ok) throw new Error(`${arg}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
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
  events: SessionEventInput[];
  context: ProductContext;
  lastReceived: number;
  /** `lastReceived` when it was last put at the back of the queue. */
  queuedAt: number;
  truth?: SessionTruthSet;
}

/**
 * Groups a simulated stream (events in delivery order, truth records beside them) into sessions
 * the way a streaming worker would: a buffer per open session, keyed by session id, closed once
 * the stream's clock (the latest delivery time) has passed the session's last event by its
 * context's inactivity window plus `settleMs` for late deliveries. Memory follows the sessions
 * open at once, not the length of the stream. Each event keeps its delivery time as `receivedAt`,
 * so the sessionizer can guard against skewed client clocks as it does on a server.
 *
 * A `session_end` does not close the buffer early: late and duplicate deliveries still come after
 * it, and the recompute they would cause is what the buffer saves. A session's truth records
 * arrive before its events (the simulator decides a session before delivering it).
 */
export function* sessionStream(
  records: Iterable<SimRecord>,
  options: StreamOptions = {},
  stats: StreamStats = { events: 0, sessions: 0, peakOpenSessions: 0, lateAfterClose: 0 },
): Generator<ClosedSession, StreamStats> {
  const settleMs = options.settleMs ?? 60 * 60_000;
  const chooseContext = options.context ?? contextChooser(undefined);
  // The open buffers in a Map, whose insertion order is kept: a lazy queue by last delivery. An
  // event only updates its session; a session found at the front that has had events since it
  // was queued goes to the back instead of closing, so each event costs one lookup.
  const open = new Map<string, OpenSession>();
  const pendingTruth = new Map<string, SessionTruthSet>();
  // Recently closed ids, to drop (and count) stragglers; forgotten after another settle period so
  // that memory stays bounded.
  const closed = new Map<string, number>();
  let now = -Infinity;
  const close = (id: string, s: OpenSession): ClosedSession => {
    open.delete(id);
    closed.set(id, now);
    stats.sessions++;
    return {
      sessionId: id,
      events: s.events,
      context: s.context,
      now,
      ...(s.truth ? { truth: s.truth } : {}),
    };
  };
  const due = (s: OpenSession) => s.lastReceived + s.context.session.inactivityMinutes * 60_000 + settleMs;
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
    for (;;) {
      const first = open.entries().next();
      if (first.done === true) break;
      const [id, s] = first.value;
      if (due(s) <= now) {
        yield close(id, s);
      } else if (s.queuedAt !== s.lastReceived) {
        open.delete(id);
        s.queuedAt = s.lastReceived;
        open.set(id, s);
      } else break;
    }
    for (;;) {
      const first = closed.entries().next();
      if (first.done === true || first.value[1] + settleMs > now) break;
      closed.delete(first.value[0]);
    }
    stats.events++;
    // The server's receive time, on the event itself (no copy per event). A duplicate delivery is
    // the same object again: it keeps its first receive time, which is what the sessionizer keeps.
    const input = r.event as SessionEventInput;
    input.receivedAt ??= r.receivedAt;
    let s = open.get(input.sessionId);
    if (s === undefined) {
      if (closed.has(input.sessionId)) {
        stats.lateAfterClose++;
        continue;
      }
      s = {
        events: [],
        context: chooseContext(input.context?.contentType),
        lastReceived: r.receivedAt,
        queuedAt: r.receivedAt,
      };
      const t = pendingTruth.get(input.sessionId);
      if (t !== undefined) {
        s.truth = t;
        pendingTruth.delete(input.sessionId);
      }
      open.set(input.sessionId, s);
      stats.peakOpenSessions = Math.max(stats.peakOpenSessions, open.size);
    }
    s.events.push(input);
    s.lastReceived = r.receivedAt;
  }
  now = now + 365 * 86_400_000;
  for (const [id, s] of [...open]) yield close(id, s);
  return stats;
}
