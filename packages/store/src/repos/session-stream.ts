import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { toStoredEvent, type StoredEvent } from './events.ts';

/** Which sessions to stream: those active in [since, until), optionally with a generation of one model version. */
export interface StreamFilter {
  /** Sessions active at or after this time (their last event). */
  since?: Date;
  /** Sessions that started before this time. */
  until?: Date;
  modelVersion?: string;
  /** Sessions read per query (default 250): memory holds one batch's events. */
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

function filtered(db: Kysely<Database>, projectId: string, f: StreamFilter) {
  let q = db.selectFrom('sessions as s').where('s.project_id', '=', projectId);
  if (f.since) q = q.where('s.last_ts', '>=', f.since);
  if (f.until) q = q.where('s.first_ts', '<', f.until);
  const mv = f.modelVersion;
  if (mv !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('generations as g')
          .select('g.id')
          .whereRef('g.project_id', '=', 's.project_id')
          .whereRef('g.session_id', '=', 's.id')
          .where('g.model_version', '=', mv),
      ),
    );
  return q;
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
  const batch = f.batch ?? 250;
  let after = f.after;
  for (;;) {
    let q = filtered(db, projectId, f).select('s.id');
    if (after !== undefined) q = q.where('s.id', '>', after);
    const ids = (await q.orderBy('s.id').limit(batch).execute()).map((r) => r.id);
    if (ids.length === 0) return;
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('session_id', 'in', ids)
      .orderBy('session_id')
      .orderBy('ts')
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    const bySession = new Map<string, StoredEvent[]>();
    for (const r of rows) {
      const list = bySession.get(r.session_id);
      if (list) list.push(toStoredEvent(r));
      else bySession.set(r.session_id, [toStoredEvent(r)]);
    }
    rows.length = 0;
    for (const id of ids) {
      const events = bySession.get(id) ?? [];
      bySession.delete(id);
      yield { sessionId: id, events };
    }
    after = ids.at(-1);
    if (ids.length < batch) return;
  }
}

/** How many sessions a filter selects, and the first and last event time among them. */
export async function sessionSpan(
  db: Kysely<Database>,
  projectId: string,
  f: StreamFilter = {},
): Promise<SessionSpan> {
  const r = await filtered(db, projectId, f)
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
