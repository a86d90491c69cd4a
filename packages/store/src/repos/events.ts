import type { GenerationEvent, TacitEvent } from '@tacit/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EventRow } from '../schema.ts';
import {
  eventsOfSessions,
  sessionSpan,
  streamSessions,
  type SessionEvents,
  type SessionSpan,
  type StreamFilter,
} from './session-stream.ts';

/** An event as stored and as read back: the event plus the server's receive time. */
export type StoredEvent = TacitEvent & { receivedAt: string };

/** What happened to each event of a batch, by event id. */
export interface InsertResult {
  /** Ids stored by this call; every other id of the batch was already there. */
  accepted: Set<string>;
}

/** Client times are kept at millisecond precision, so that they round-trip through JavaScript exactly. */
function msIso(ts: string): string {
  return new Date(ts).toISOString();
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** An event's columns, timestamps as the driver gives them or as JSON text (`json_agg`). */
export type EventColumns = Omit<EventRow, 'project_id' | 'ts' | 'received_at'> & {
  ts: Date | string;
  received_at: Date | string;
};

const iso = (t: Date | string): string => (typeof t === 'string' ? new Date(t) : t).toISOString();

/** The event as the API gives it: null columns left out, timestamps in `toISOString()` form. */
export function toStoredEvent(row: EventColumns): StoredEvent {
  const event: Record<string, unknown> = {
    id: row.id,
    type: row.type,
    ts: iso(row.ts),
    sessionId: row.session_id,
  };
  if (row.user_id !== null) event.userId = row.user_id;
  if (row.generation_id !== null) event.generationId = row.generation_id;
  event.properties = row.properties;
  if (row.context !== null) event.context = row.context;
  event.receivedAt = iso(row.received_at);
  return event as StoredEvent;
}

interface SessionDelta {
  id: string;
  userId: string | null;
  firstTs: string;
  lastTs: string;
  count: number;
  cohort: Record<string, string> | null;
  app: string | null;
  appVersion: string | null;
}

function sessionDeltas(events: readonly TacitEvent[]): SessionDelta[] {
  const byId = new Map<string, SessionDelta>();
  for (const e of events) {
    const ts = msIso(e.ts);
    let d = byId.get(e.sessionId);
    if (d === undefined) {
      d = {
        id: e.sessionId,
        userId: null,
        firstTs: ts,
        lastTs: ts,
        count: 0,
        cohort: null,
        app: null,
        appVersion: null,
      };
      byId.set(e.sessionId, d);
    }
    d.count++;
    if (ts < d.firstTs) d.firstTs = ts;
    if (ts > d.lastTs) d.lastTs = ts;
    d.userId = e.userId ?? d.userId;
    d.cohort = e.context?.cohort ?? d.cohort;
    d.app = e.context?.app ?? d.app;
    d.appVersion = e.context?.appVersion ?? d.appVersion;
  }
  // One lock order for every writer: concurrent batches on PostgreSQL never deadlock on sessions.
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The append-only event log, with the session and generation projections kept in step. */
export class EventRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores a batch of valid events of one project, once each: an id already stored (or repeated
   * in the batch) is a duplicate and changes nothing. In one transaction, the new events are
   * appended, their generations projected and their sessions marked dirty for the labeling loop.
   */
  async insertBatch(
    projectId: string,
    events: readonly TacitEvent[],
    receivedAt = new Date(),
  ): Promise<InsertResult> {
    if (events.length === 0) return { accepted: new Set() };
    const unique = new Map<string, TacitEvent>();
    for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
    const sorted = [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const received = receivedAt.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('events')
        .values(
          sorted.map((e) => ({
            project_id: projectId,
            id: e.id,
            session_id: e.sessionId,
            type: e.type,
            ts: msIso(e.ts),
            received_at: received,
            user_id: e.userId ?? null,
            generation_id: e.generationId ?? null,
            properties: json(e.properties),
            context: e.context === undefined ? null : json(e.context),
          })),
        )
        .onConflict((oc) => oc.columns(['project_id', 'id']).doNothing())
        .returning('id')
        .execute();
      const accepted = new Set(inserted.map((r) => r.id));
      if (accepted.size === 0) return { accepted };
      const fresh = sorted.filter((e) => accepted.has(e.id));
      await insertGenerations(trx, projectId, fresh);
      await touchSessions(trx, projectId, fresh, received);
      return { accepted };
    });
  }

  /** A session's events in client-time order (ties: receive time, then id). */
  async forSession(projectId: string, sessionId: string): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('session_id', '=', sessionId)
      .orderBy('ts')
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return rows.map(toStoredEvent);
  }

  /** The events of several sessions at once (the labeling loop's batch), by session id. */
  forSessions(projectId: string, sessionIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    return eventsOfSessions(this.db, projectId, sessionIds);
  }

  /** The events about one generation, in client-time order. */
  async forGeneration(projectId: string, generationId: string): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('generation_id', '=', generationId)
      .orderBy('ts')
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return rows.map(toStoredEvent);
  }

  /**
   * Streams the sessions a filter selects, one session's events at a time (keyset pagination
   * over session ids): flat memory however many events the project holds.
   *
   * @example
   * for await (const { sessionId, events } of store.events.streamSessions('default', { since })) label(events);
   */
  streamSessions(projectId: string, filter: StreamFilter = {}): AsyncGenerator<SessionEvents> {
    return streamSessions(this.db, projectId, filter);
  }

  /** How many sessions `streamSessions` would yield, and their time span. */
  span(projectId: string, filter: StreamFilter = {}): Promise<SessionSpan> {
    return sessionSpan(this.db, projectId, filter);
  }

  async count(projectId: string): Promise<number> {
    const r = await this.db
      .selectFrom('events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    return r.n;
  }
}

async function insertGenerations(
  trx: Transaction<Database>,
  projectId: string,
  events: readonly TacitEvent[],
) {
  const gens = events.filter((e): e is GenerationEvent => e.type === 'generation');
  if (gens.length === 0) return;
  await trx
    .insertInto('generations')
    .values(
      gens.map((e) => {
        const p = e.properties;
        return {
          project_id: projectId,
          id: e.generationId,
          session_id: e.sessionId,
          event_id: e.id,
          ts: msIso(e.ts),
          model: p.model,
          model_version: p.modelVersion ?? null,
          prompt_version: p.promptVersion ?? null,
          parent_id: p.parentId ?? null,
          message_id: p.messageId ?? null,
          content_type: p.contentType ?? e.context?.contentType ?? null,
          prompt: json(p.prompt),
          output: p.output,
          latency_ms: p.latencyMs ?? null,
          usage: p.usage === undefined ? null : json(p.usage),
        };
      }),
    )
    // A generation logged twice under two event ids: the first one stands.
    .onConflict((oc) => oc.columns(['project_id', 'id']).doNothing())
    .execute();
}

async function touchSessions(
  trx: Transaction<Database>,
  projectId: string,
  events: readonly TacitEvent[],
  received: string,
) {
  const deltas = sessionDeltas(events);
  await trx
    .insertInto('sessions')
    .values(
      deltas.map((d) => ({
        project_id: projectId,
        id: d.id,
        user_id: d.userId,
        first_ts: d.firstTs,
        last_ts: d.lastTs,
        last_received_at: received,
        event_count: d.count,
        cohort: d.cohort === null ? null : json(d.cohort),
        app: d.app,
        app_version: d.appVersion,
        version: 1,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['project_id', 'id']).doUpdateSet((eb) => ({
        user_id: sql`coalesce(${eb.ref('excluded.user_id')}, sessions.user_id)`,
        first_ts: sql`least(sessions.first_ts, ${eb.ref('excluded.first_ts')})`,
        last_ts: sql`greatest(sessions.last_ts, ${eb.ref('excluded.last_ts')})`,
        last_received_at: eb.ref('excluded.last_received_at'),
        event_count: sql`sessions.event_count + ${eb.ref('excluded.event_count')}`,
        cohort: sql`coalesce(${eb.ref('excluded.cohort')}, sessions.cohort)`,
        app: sql`coalesce(${eb.ref('excluded.app')}, sessions.app)`,
        app_version: sql`coalesce(${eb.ref('excluded.app_version')}, sessions.app_version)`,
        version: sql`sessions.version + 1`,
      })),
    )
    .execute();
}
