import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../schema.ts';

export interface Session {
  id: string;
  userId: string | null;
  firstTs: string;
  lastTs: string;
  lastReceivedAt: string;
  eventCount: number;
  cohort: Record<string, string> | null;
  app: string | null;
  appVersion: string | null;
  /** True while events arrived that the labeling loop has not processed yet. */
  dirty: boolean;
}

export interface SessionFilter {
  /** Sessions active at or after this time (their last event). */
  since?: Date;
  /** Sessions that started before this time. */
  until?: Date;
  userId?: string;
  /** Sessions with at least one generation of this model version. */
  modelVersion?: string;
  /** Page size, 1..1000. */
  limit: number;
  /** The `next` cursor of the previous page. */
  cursor?: SessionCursor;
}

/**
 * The sessions of a project that a filter selects (`sessions as s`, nothing selected yet): active
 * in [since, until), of one user, with a generation of one model version. The one place these
 * conditions are written, for the session list and the session stream of exports and backfills.
 */
export function sessionsWhere(
  db: Kysely<Database>,
  projectId: string,
  f: Pick<SessionFilter, 'since' | 'until' | 'userId' | 'modelVersion'>,
) {
  let q = db.selectFrom('sessions as s').where('s.project_id', '=', projectId);
  if (f.since) q = q.where('s.last_ts', '>=', f.since);
  if (f.until) q = q.where('s.first_ts', '<', f.until);
  if (f.userId !== undefined) q = q.where('s.user_id', '=', f.userId);
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

/** Position in the listing order: last activity descending, then id descending. */
export interface SessionCursor {
  lastTs: string;
  id: string;
}

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    firstTs: row.first_ts.toISOString(),
    lastTs: row.last_ts.toISOString(),
    lastReceivedAt: row.last_received_at.toISOString(),
    eventCount: row.event_count,
    cohort: row.cohort,
    app: row.app,
    appVersion: row.app_version,
    dirty: row.version > row.labeled_version,
  };
}

export class SessionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string, id: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSession(row);
  }

  /** One page of sessions, most recently active first, and the cursor of the next page if any. */
  async list(
    projectId: string,
    f: SessionFilter,
  ): Promise<{ sessions: Session[]; next: SessionCursor | null }> {
    let q = sessionsWhere(this.db, projectId, f).selectAll('s');
    const cursor = f.cursor;
    if (cursor) {
      const ts = new Date(cursor.lastTs);
      q = q.where((eb) =>
        eb.or([eb('s.last_ts', '<', ts), eb.and([eb('s.last_ts', '=', ts), eb('s.id', '<', cursor.id)])]),
      );
    }
    const rows = await q
      .orderBy('s.last_ts', 'desc')
      .orderBy('s.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit).map(toSession);
    const last = page.at(-1);
    return {
      sessions: page,
      next: rows.length > f.limit && last ? { lastTs: last.lastTs, id: last.id } : null,
    };
  }
}
