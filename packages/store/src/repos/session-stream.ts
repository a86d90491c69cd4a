import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { toStoredEvent, type EventColumns, type StoredEvent } from './events.ts';
import { sessionsWhere } from './sessions.ts';

/** Which sessions to stream: those active in [since, until), optionally with a generation of one model version. */
export interface StreamFilter {
  /** Sessions active at or after this time (their last event). */
  since?: Date;
  /** Sessions that started before this time. */
  until?: Date;
  modelVersion?: string;
  /** Sessions read per query (default 100): memory holds one batch's events. */
  batch?: number;
  /** Resume after this session id. */
  after?: string;
}

/** One session's events, in client-time order (ties: receive time, then id). */
export interface SessionEvents {
  sessionId: string;
  events: StoredEvent[];
}

/** The sessions a filter selects: how many, and from when to when. */
export interface SessionSpan {
  sessions: number;
  firstTs: string | null;
  lastTs: string | null;
}

/**
 * Streams a project's sessions one at a time, in session-id order, with keyset pagination (no
 * offset, no open cursor): a batch of session ids, then their events in one query. Memory is one
 * batch whatever the project's size, and the order is the same on every run and every backend.
 */
export async function* streamSessions(
  db: Kysely<Database>,
  projectId: string,
  f: StreamFilter = {},
): AsyncGenerator<SessionEvents> {
  const batch = f.batch ?? 100;
  let after = f.after;
  for (;;) {
    let q = sessionsWhere(db, projectId, f).select('s.id');
    if (after !== undefined) q = q.where('s.id', '>', after);
    const ids = (await q.orderBy('s.id').limit(batch).execute()).map((r) => r.id);
    if (ids.length === 0) return;
    const bySession = await eventsOfSessions(db, projectId, ids);
    for (const id of ids) {
      const events = bySession.get(id) ?? [];
      bySession.delete(id);
      yield { sessionId: id, events };
    }
    after = ids.at(-1);
    if (ids.length < batch) return;
  }
}

/**
 * The events of several sessions of a project in one query, each session's in client-time order
 * (ties: receive time, then id). One JSON text per session, built by the database: decoding one
 * field per session instead of ten per event reads about 4× faster on PGlite, and JSON.parse is
 * V8's fastest parser.
 */
export async function eventsOfSessions(
  db: Kysely<Database>,
  projectId: string,
  sessionIds: readonly string[],
): Promise<Map<string, StoredEvent[]>> {
  const out = new Map<string, StoredEvent[]>();
  if (sessionIds.length === 0) return out;
  const rows = await sql<{ session_id: string; events: string }>`
    select session_id,
      json_agg(json_build_object(
        'id', id, 'type', type, 'ts', ts, 'session_id', session_id, 'user_id', user_id,
        'generation_id', generation_id, 'properties', properties, 'context', context,
        'received_at', received_at
      ) order by ts, received_at, id)::text as events
    from events
    where project_id = ${projectId} and session_id = any(${[...sessionIds]})
    group by session_id`.execute(db);
  for (const r of rows.rows)
    out.set(r.session_id, (JSON.parse(r.events) as EventColumns[]).map(toStoredEvent));
  return out;
}

/** How many sessions a filter selects, and the first and last event time among them. */
export async function sessionSpan(
  db: Kysely<Database>,
  projectId: string,
  f: StreamFilter = {},
): Promise<SessionSpan> {
  const r = await sessionsWhere(db, projectId, f)
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<Date | null>`min(s.first_ts)`.as('first'),
      sql<Date | null>`max(s.last_ts)`.as('last'),
    ])
    .executeTakeFirstOrThrow();
  return {
    sessions: r.n,
    firstTs: r.first ? new Date(r.first).toISOString() : null,
    lastTs: r.last ? new Date(r.last).toISOString() : null,
  };
}
