import { sql, type Kysely, type Selectable } from 'kysely';
import {
  ALL_COHORTS,
  NONE,
  mergeRollups,
  rollupDelta,
  rollupKeyId,
  sessionContribution,
  type RollupRow,
  type SessionResult,
  type VersionSeen,
  type WindowSize,
} from '@tacit/core/monitor';
import { chunks } from '../chunks.ts';
import type { Database, MonitorRollupsTable } from '../schema.ts';

const json = (v: unknown) => JSON.stringify(v);

/** Which rollup rows to read. */
export interface RollupQuery {
  window: WindowSize;
  /** Window starts ≥ from, < to. */
  from?: Date;
  to?: Date;
  /** Cohort rows beside `*`: every attribute (`'all'`), or these attributes. Default: `*` only. */
  cohorts?: 'all' | readonly string[];
  modelVersion?: string;
}

function toRow(r: Selectable<MonitorRollupsTable>): RollupRow {
  return {
    projectId: r.project_id,
    window: r.window_size,
    windowStart: r.window_start.getTime(),
    modelVersion: r.model_version,
    promptVersion: r.prompt_version,
    contentType: r.content_type,
    cohort: r.cohort,
    counts: {
      sessions: r.sessions,
      generations: r.generations,
      generationsSq: r.generations_sq,
      labeled: r.labeled,
      labeledSq: r.labeled_sq,
      signals: r.signals,
      grades: r.grades,
      completed: r.completed,
      abandoned: r.abandoned,
      unknown: r.unknown,
      retries: r.retries,
      retriesSq: r.retries_sq,
    },
  };
}

function toValues(r: RollupRow) {
  const c = r.counts;
  return {
    project_id: r.projectId,
    window_size: r.window,
    window_start: new Date(r.windowStart).toISOString(),
    model_version: r.modelVersion,
    prompt_version: r.promptVersion,
    content_type: r.contentType,
    cohort: r.cohort,
    sessions: c.sessions,
    generations: c.generations,
    generations_sq: c.generationsSq,
    labeled: c.labeled,
    labeled_sq: c.labeledSq,
    completed: c.completed,
    abandoned: c.abandoned,
    unknown: c.unknown,
    retries: c.retries,
    retries_sq: c.retriesSq,
    signals: json(c.signals),
    grades: json(c.grades),
  };
}

const SCALARS = [
  'sessions',
  'generations',
  'generations_sq',
  'labeled',
  'labeled_sq',
  'completed',
  'abandoned',
  'unknown',
  'retries',
  'retries_sq',
] as const;

const KEY = [
  'project_id',
  'window_size',
  'window_start',
  'model_version',
  'prompt_version',
  'content_type',
  'cohort',
] as const;

/**
 * Replaces a session's contribution to the rollups with `next` (undefined: the session is gone):
 * adds `rollupDelta(previous, next)` to the rows, stores `next` as the session's contribution,
 * and records the versions it used. Call it in the transaction that writes the session's labels
 * while holding its claim: the delta and the stored contribution then change together, so
 * relabeling is idempotent, late events move counts between windows exactly, and concurrent
 * workers (different sessions, same rows) add up — each row is one atomic upsert, taken in key
 * order so that two transactions never wait on each other in a cycle.
 */
export async function applySessionResult(
  db: Kysely<Database>,
  projectId: string,
  sessionId: string,
  next: SessionResult | undefined,
): Promise<RollupRow[]> {
  return applySessionResults(db, projectId, [{ sessionId, next }]);
}

/**
 * `applySessionResult` for a batch of sessions of one project: one read of their previous
 * contributions, the deltas summed into one upsert per row, one write of the new contributions.
 * The labeling loop writes a whole claimed batch this way.
 */
export async function applySessionResults(
  db: Kysely<Database>,
  projectId: string,
  items: readonly { sessionId: string; next: SessionResult | undefined }[],
): Promise<RollupRow[]> {
  if (items.length === 0) return [];
  const stored = await db
    .selectFrom('monitor_session_results')
    .select(['session_id', 'result'])
    .where('project_id', '=', projectId)
    .where(
      'session_id',
      'in',
      items.map((i) => i.sessionId),
    )
    .execute();
  const previous = new Map(stored.map((r) => [r.session_id, r.result as SessionResult]));
  const deltas = mergeRollups(items.flatMap((i) => rollupDelta(previous.get(i.sessionId), i.next))).sort(
    (a, b) => (rollupKeyId(a) < rollupKeyId(b) ? -1 : 1),
  );
  for (const part of chunks(deltas)) {
    const emptied = await db
      .insertInto('monitor_rollups')
      .values(part.map(toValues))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          ...Object.fromEntries(
            SCALARS.map((k) => [
              k,
              sql<number>`${sql.ref(`monitor_rollups.${k}`)} + ${eb.ref(`excluded.${k}`)}`,
            ]),
          ),
          signals: sql`tacit_add_moments(monitor_rollups.signals, excluded.signals)`,
          grades: sql`tacit_add_moments(monitor_rollups.grades, excluded.grades)`,
        })),
      )
      .returning([...KEY])
      .returning(
        sql<boolean>`(${sql.join(
          SCALARS.map((k) => sql`${sql.ref(k)} = 0`),
          sql` and `,
        )} and signals = '{}'::jsonb and grades = '{}'::jsonb)`.as('empty'),
      )
      .execute();
    for (const r of emptied.filter((e) => e.empty)) {
      await db
        .deleteFrom('monitor_rollups')
        .where('project_id', '=', r.project_id)
        .where('window_size', '=', r.window_size)
        .where('window_start', '=', r.window_start)
        .where('model_version', '=', r.model_version)
        .where('prompt_version', '=', r.prompt_version)
        .where('content_type', '=', r.content_type)
        .where('cohort', '=', r.cohort)
        .execute();
    }
  }
  const gone = items.filter((i) => i.next === undefined).map((i) => i.sessionId);
  if (gone.length > 0) {
    await db
      .deleteFrom('monitor_session_results')
      .where('project_id', '=', projectId)
      .where('session_id', 'in', gone)
      .execute();
  }
  const now = new Date().toISOString();
  const kept = items
    .filter((i): i is { sessionId: string; next: SessionResult } => i.next !== undefined)
    .sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  for (const part of chunks(kept)) {
    await db
      .insertInto('monitor_session_results')
      .values(
        part.map((i) => ({
          project_id: projectId,
          session_id: i.sessionId,
          result: json(i.next),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['project_id', 'session_id']).doUpdateSet((eb) => ({
          result: eb.ref('excluded.result'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  // When each version was first seen: the earliest session start that used it.
  const seen = new Map<
    string,
    { dimension: 'modelVersion' | 'promptVersion'; version: string; first: number }
  >();
  for (const { next } of kept) {
    for (const g of next.generations) {
      for (const dimension of ['modelVersion', 'promptVersion'] as const) {
        const version = g[dimension];
        if (version === undefined || version === NONE) continue;
        const key = `${dimension}\u0000${version}`;
        const had = seen.get(key);
        if (had === undefined || next.startedAt < had.first)
          seen.set(key, { dimension, version, first: next.startedAt });
      }
    }
  }
  if (seen.size > 0) {
    await db
      .insertInto('monitor_versions')
      .values(
        [...seen.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, v]) => ({
            project_id: projectId,
            dimension: v.dimension,
            version: v.version,
            first_seen: new Date(v.first).toISOString(),
          })),
      )
      .onConflict((oc) =>
        oc
          .columns(['project_id', 'dimension', 'version'])
          .doUpdateSet({ first_seen: sql`least(monitor_versions.first_seen, excluded.first_seen)` })
          .where(sql.ref('excluded.first_seen'), '<', sql.ref('monitor_versions.first_seen')),
      )
      .execute();
  }
  return deltas;
}

/** Rollups, session contributions and versions, for the monitoring API and the alert scheduler. */
export class MonitorRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Rollup rows of a project for one window size (cohort `*` unless `cohorts` asks for more). */
  async rollups(projectId: string, q: RollupQuery): Promise<RollupRow[]> {
    let query = this.db
      .selectFrom('monitor_rollups')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('window_size', '=', q.window);
    if (q.from) query = query.where('window_start', '>=', q.from);
    if (q.to) query = query.where('window_start', '<', q.to);
    if (q.modelVersion !== undefined) query = query.where('model_version', '=', q.modelVersion);
    const cohorts = q.cohorts ?? [];
    if (cohorts !== 'all') {
      query = query.where((eb) =>
        eb.or([
          eb('cohort', '=', ALL_COHORTS),
          ...cohorts.map((k) => eb('cohort', 'like', `${k.replace(/[\\%_]/g, '\\$&')}=%`)),
        ]),
      );
    }
    const rows = await query.orderBy('window_start').execute();
    return rows.map(toRow);
  }

  /** When each model and prompt version of the project was first seen. */
  async versions(projectId: string): Promise<VersionSeen[]> {
    const rows = await this.db
      .selectFrom('monitor_versions')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('first_seen')
      .orderBy('dimension')
      .orderBy('version')
      .execute();
    return rows.map((r) => ({
      projectId,
      dimension: r.dimension,
      version: r.version,
      firstSeen: r.first_seen.getTime(),
    }));
  }

  /** A session's stored contribution (its last labeling result as monitoring counts it). */
  async sessionResult(projectId: string, sessionId: string): Promise<SessionResult | undefined> {
    const r = await this.db
      .selectFrom('monitor_session_results')
      .select('result')
      .where('project_id', '=', projectId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return r?.result as SessionResult | undefined;
  }

  /**
   * The rollups recomputed from scratch from every session's stored contribution. Equal to the
   * incrementally maintained rows (`rollups`) at all times; a check, and a way to rebuild.
   */
  async recompute(projectId: string): Promise<RollupRow[]> {
    const rows = await this.db
      .selectFrom('monitor_session_results')
      .select('result')
      .where('project_id', '=', projectId)
      .execute();
    return mergeRollups(rows.flatMap((r) => sessionContribution(r.result as SessionResult)));
  }

  /** Projects with monitoring data (a version seen) or alert rules of their own. */
  async projects(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('monitor_versions')
      .select('project_id')
      .union(this.db.selectFrom('alert_configs').select('project_id'))
      .execute();
    return [...new Set(rows.map((r) => r.project_id))].sort();
  }
}
