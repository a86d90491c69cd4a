import type { GenerationLabel, SessionOutcome, Signal } from '@tacit/core';
import { sql, type Kysely } from 'kysely';
import { sessionResultOf } from '@tacit/core/monitor';
import { chunks } from '../chunks.ts';
import type { Database, LabelRow, OutcomeRow, SignalRow } from '../schema.ts';
import { applySessionResults } from './monitor.ts';

/** What the labeling loop stores: `@tacit/core`'s own result types. */
export type SignalRecord = Signal;
export type LabelRecord = GenerationLabel;
export type OutcomeRecord = SessionOutcome;

/** A stored label, with the kinds of the signals behind it. */
export type StoredLabel = LabelRecord & { signalKinds: string[]; labeledAt: string };
export type StoredOutcome = OutcomeRecord & { labeledAt: string };

/** One claimed session's new derivation, for `replaceSessions`. */
export interface SessionWrite {
  claim: Claim;
  result: {
    signals: SignalRecord[];
    labels: LabelRecord[];
    outcome: OutcomeRecord;
    contextHash: string;
    startedAt?: number;
  };
  /** When an open session must be recomputed (it closes then); null once closed. */
  recheckAt: Date | null;
}

function labelValues(
  projectId: string,
  sessionId: string,
  l: LabelRecord,
  kinds: Map<string, string>,
  now: string,
) {
  return {
    project_id: projectId,
    generation_id: l.generationId,
    session_id: sessionId,
    p_good: l.pGood,
    confidence: l.confidence,
    grade: l.grade,
    mixed: l.mixed,
    route: l.route,
    evidence: l.evidence,
    signal_ids: json(l.signals),
    signal_kinds: [...new Set(l.signals.map((id) => kinds.get(id)).filter((k) => k !== undefined))].sort(),
    final: l.final,
    context_version: l.contextVersion,
    context_hash: l.contextHash,
    at: l.at,
    model: l.model ?? null,
    model_version: l.modelVersion ?? null,
    prompt_version: l.promptVersion ?? null,
    content_type: l.contentType ?? null,
    labeled_at: now,
  };
}

/** A dirty session handed to one worker. */
export interface Claim {
  projectId: string;
  sessionId: string;
  /** The session version the worker computes; newer events leave the session dirty. */
  version: number;
}

export interface LabelFilter {
  modelVersion?: string;
  grade?: string;
  route?: string;
  /** Labels with at least one signal of this kind. */
  signal?: string;
  since?: Date;
  until?: Date;
  limit: number;
  cursor?: { at: string; generationId: string };
}

const json = (v: unknown) => JSON.stringify(v);

export function toSignal(r: SignalRow): SignalRecord {
  return {
    id: r.id,
    kind: r.kind as Signal['kind'],
    polarity: r.polarity as Signal['polarity'],
    strength: r.strength,
    sessionId: r.session_id,
    ...(r.generation_id !== null ? { generationId: r.generation_id } : {}),
    evidence: r.evidence,
    at: r.at.toISOString(),
    ...(r.details !== null ? { details: r.details as Signal['details'] } : {}),
  };
}

export function toLabel(r: LabelRow): StoredLabel {
  return {
    generationId: r.generation_id,
    sessionId: r.session_id,
    pGood: r.p_good,
    confidence: r.confidence,
    grade: r.grade as GenerationLabel['grade'],
    mixed: r.mixed,
    route: r.route as GenerationLabel['route'],
    evidence: r.evidence,
    signals: r.signal_ids,
    signalKinds: r.signal_kinds,
    final: r.final,
    contextVersion: r.context_version,
    contextHash: r.context_hash,
    at: r.at.toISOString(),
    ...(r.model !== null ? { model: r.model } : {}),
    ...(r.model_version !== null ? { modelVersion: r.model_version } : {}),
    ...(r.prompt_version !== null ? { promptVersion: r.prompt_version } : {}),
    ...(r.content_type !== null ? { contentType: r.content_type } : {}),
    labeledAt: r.labeled_at.toISOString(),
  };
}

function toOutcome(r: OutcomeRow): StoredOutcome {
  return {
    sessionId: r.session_id,
    status: r.status as SessionOutcome['status'],
    reason: r.reason as SessionOutcome['reason'],
    closed: r.closed,
    retries: r.retries,
    corrections: r.corrections,
    generations: r.generations,
    evidence: r.evidence,
    contextHash: r.context_hash,
    labeledAt: r.labeled_at.toISOString(),
  };
}

/**
 * Signals, labels and outcomes: everything the labeling loop derives from a session, replaced
 * whole each time the session is recomputed. Also the claims that let several workers (threads,
 * processes, machines) share the dirty sessions without double work or lost updates.
 */
export class LabelRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims up to `limit` dirty sessions for `worker` for `leaseMs`: sessions with events newer
   * than their labels, or open sessions due for a recheck, that no live lease holds. Sessions whose
   * last batch arrived less than `settleMs` ago wait, so that a burst is labeled once.
   */
  async claim(
    worker: string,
    limit: number,
    leaseMs: number,
    settleMs = 0,
    projectId?: string,
  ): Promise<Claim[]> {
    const rows = await sql<{ project_id: string; id: string; version: number }>`
      update sessions s set claimed_by = ${worker}, claimed_until = now() + make_interval(secs => ${leaseMs / 1000})
      from (
        select project_id, id from sessions
        where (version > labeled_version or recheck_at <= now())
          and (claimed_until is null or claimed_until < now())
          and last_received_at <= now() - make_interval(secs => ${settleMs / 1000})
          ${projectId === undefined ? sql`` : sql`and project_id = ${projectId}`}
        order by last_received_at
        limit ${limit}
        for update skip locked
      ) d
      where s.project_id = d.project_id and s.id = d.id
      returning s.project_id, s.id, s.version`.execute(this.db);
    return rows.rows.map((r) => ({ projectId: r.project_id, sessionId: r.id, version: r.version }));
  }

  /**
   * Replaces what was derived from a claimed session and marks the claimed version labeled, in one
   * transaction, only if `worker` still holds the claim (a worker whose lease expired and was taken
   * over writes nothing). Returns whether it wrote. See `replaceSessions`.
   */
  async replaceSession(
    worker: string,
    claim: Claim,
    result: SessionWrite['result'],
    recheckAt: Date | null,
  ): Promise<boolean> {
    const written = await this.replaceSessions(worker, [{ claim, result, recheckAt }]);
    return written.size > 0;
  }

  /**
   * `replaceSession` for a batch of claimed sessions, in one transaction and a few statements per
   * table (the labeling loop's batch). Only sessions `worker` still holds are written; returns the
   * keys (`projectId\u0000sessionId`) of those written. The same transaction replaces each
   * session's contribution to the monitoring rollups (see `applySessionResults`), in the windows of
   * the session's start: `startedAt` (epoch ms) if given, else its earliest client timestamp — the
   * time the user was there, also for history imported or delivered late.
   */
  async replaceSessions(worker: string, items: readonly SessionWrite[]): Promise<Set<string>> {
    const written = new Set<string>();
    if (items.length === 0) return written;
    const byProject = new Map<string, SessionWrite[]>();
    for (const it of items) {
      const list = byProject.get(it.claim.projectId);
      if (list) list.push(it);
      else byProject.set(it.claim.projectId, [it]);
    }
    await this.db.transaction().execute(async (trx) => {
      for (const [projectId, all] of byProject) {
        // Key order: the lock order every writer uses, so concurrent workers never deadlock.
        all.sort((x, y) =>
          x.claim.sessionId < y.claim.sessionId ? -1 : x.claim.sessionId > y.claim.sessionId ? 1 : 0,
        );
        const held = await trx
          .selectFrom('sessions')
          .select(['id', 'first_ts', 'cohort'])
          .where('project_id', '=', projectId)
          .where(
            'id',
            'in',
            all.map((i) => i.claim.sessionId),
          )
          .where('claimed_by', '=', worker)
          .orderBy('id')
          .forUpdate()
          .execute();
        const heldBy = new Map(held.map((h) => [h.id, h]));
        const mine = all.filter((i) => heldBy.has(i.claim.sessionId));
        if (mine.length === 0) continue;
        const ids = mine.map((i) => i.claim.sessionId);
        const now = new Date().toISOString();
        await trx
          .deleteFrom('signals')
          .where('project_id', '=', projectId)
          .where('session_id', 'in', ids)
          .execute();
        const signals = mine.flatMap((i) =>
          i.result.signals.map((s) => ({
            project_id: projectId,
            session_id: i.claim.sessionId,
            id: s.id,
            generation_id: s.generationId ?? null,
            kind: s.kind,
            polarity: s.polarity,
            strength: s.strength,
            evidence: json(s.evidence),
            at: s.at,
            details: s.details === undefined ? null : json(s.details),
            context_hash: i.result.contextHash,
          })),
        );
        for (const part of chunks(signals)) {
          await trx
            .insertInto('signals')
            .values(part)
            .onConflict((oc) => oc.columns(['project_id', 'session_id', 'id']).doNothing())
            .execute();
        }
        await trx
          .deleteFrom('labels')
          .where('project_id', '=', projectId)
          .where('session_id', 'in', ids)
          .execute();
        // A generation id reused across sessions of the batch: the last one written stands.
        const labels = new Map<string, ReturnType<typeof labelValues>>();
        for (const i of mine) {
          const kinds = new Map<string, string>(i.result.signals.map((s) => [s.id, s.kind]));
          for (const l of i.result.labels)
            labels.set(l.generationId, labelValues(projectId, i.claim.sessionId, l, kinds, now));
        }
        for (const part of chunks([...labels.values()])) {
          await trx
            .insertInto('labels')
            .values(part)
            // A generation id reused in another session: the latest computation stands.
            .onConflict((oc) =>
              oc.columns(['project_id', 'generation_id']).doUpdateSet((eb) => ({
                session_id: eb.ref('excluded.session_id'),
                p_good: eb.ref('excluded.p_good'),
                confidence: eb.ref('excluded.confidence'),
                grade: eb.ref('excluded.grade'),
                mixed: eb.ref('excluded.mixed'),
                route: eb.ref('excluded.route'),
                evidence: eb.ref('excluded.evidence'),
                signal_ids: eb.ref('excluded.signal_ids'),
                signal_kinds: eb.ref('excluded.signal_kinds'),
                final: eb.ref('excluded.final'),
                context_version: eb.ref('excluded.context_version'),
                context_hash: eb.ref('excluded.context_hash'),
                at: eb.ref('excluded.at'),
                labeled_at: eb.ref('excluded.labeled_at'),
              })),
            )
            .execute();
        }
        for (const part of chunks(mine)) {
          await trx
            .insertInto('outcomes')
            .values(
              part.map((i) => {
                const o = i.result.outcome;
                return {
                  project_id: projectId,
                  session_id: i.claim.sessionId,
                  status: o.status,
                  reason: o.reason,
                  closed: o.closed,
                  retries: o.retries,
                  corrections: o.corrections,
                  generations: o.generations,
                  evidence: json(o.evidence),
                  context_hash: o.contextHash,
                  labeled_at: now,
                };
              }),
            )
            .onConflict((oc) =>
              oc.columns(['project_id', 'session_id']).doUpdateSet((eb) => ({
                status: eb.ref('excluded.status'),
                reason: eb.ref('excluded.reason'),
                closed: eb.ref('excluded.closed'),
                retries: eb.ref('excluded.retries'),
                corrections: eb.ref('excluded.corrections'),
                generations: eb.ref('excluded.generations'),
                evidence: eb.ref('excluded.evidence'),
                context_hash: eb.ref('excluded.context_hash'),
                labeled_at: eb.ref('excluded.labeled_at'),
              })),
            )
            .execute();
        }
        await applySessionResults(
          trx,
          projectId,
          mine.map((i) => {
            const h = heldBy.get(i.claim.sessionId)!;
            return {
              sessionId: i.claim.sessionId,
              next: sessionResultOf({
                projectId,
                sessionId: i.claim.sessionId,
                startedAt: i.result.startedAt ?? h.first_ts.getTime(),
                cohort: h.cohort,
                labels: i.result.labels,
                signals: i.result.signals,
                outcome: i.result.outcome,
              }),
            };
          }),
        );
        for (const part of chunks(mine)) {
          await sql`
            update sessions s set labeled_version = v.version, claimed_by = null, claimed_until = null,
              recheck_at = v.recheck_at
            from (values ${sql.join(
              part.map(
                (i) =>
                  sql`(${i.claim.sessionId}, ${i.claim.version}::int, ${i.recheckAt === null ? null : i.recheckAt.toISOString()}::timestamptz)`,
              ),
            )}) as v(id, version, recheck_at)
            where s.project_id = ${projectId} and s.id = v.id`.execute(trx);
        }
        for (const id of ids) written.add(`${projectId}\u0000${id}`);
      }
    });
    return written;
  }

  /** Lets a claim go without writing (the worker failed on it): it is retried after `retryMs`. */
  async release(worker: string, claim: Claim, retryMs = 0): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({
        claimed_by: null,
        claimed_until: retryMs > 0 ? sql`now() + make_interval(secs => ${retryMs / 1000})` : null,
      })
      .where('project_id', '=', claim.projectId)
      .where('id', '=', claim.sessionId)
      .where('claimed_by', '=', worker)
      .execute();
  }

  /** Sessions waiting for the labeling loop (new events, or a due recheck). */
  async dirtyCount(projectId?: string): Promise<number> {
    let q = this.db
      .selectFrom('sessions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) =>
        eb.or([eb('version', '>', eb.ref('labeled_version')), eb('recheck_at', '<=', new Date())]),
      );
    if (projectId !== undefined) q = q.where('project_id', '=', projectId);
    return (await q.executeTakeFirstOrThrow()).n;
  }

  /** Marks every session of a project dirty (backfill under a new context). Returns how many. */
  async markAllDirty(projectId: string): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set({ labeled_version: 0 })
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async forGeneration(projectId: string, generationId: string) {
    const [label, signals] = await Promise.all([
      this.db
        .selectFrom('labels')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('generation_id', '=', generationId)
        .executeTakeFirst(),
      this.db
        .selectFrom('signals')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('generation_id', '=', generationId)
        .orderBy('at')
        .orderBy('id')
        .execute(),
    ]);
    return { label: label ? toLabel(label) : null, signals: signals.map(toSignal) };
  }

  async forSession(projectId: string, sessionId: string) {
    const [labels, signals, outcome] = await Promise.all([
      this.db
        .selectFrom('labels')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('session_id', '=', sessionId)
        .orderBy('at')
        .orderBy('generation_id')
        .execute(),
      this.db
        .selectFrom('signals')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('session_id', '=', sessionId)
        .orderBy('at')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('outcomes')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst(),
    ]);
    return {
      labels: labels.map(toLabel),
      signals: signals.map(toSignal),
      outcome: outcome ? toOutcome(outcome) : null,
    };
  }

  /** Labels, newest first, filtered; the cursor of the next page if any. */
  async list(projectId: string, f: LabelFilter) {
    let q = this.db.selectFrom('labels').selectAll().where('project_id', '=', projectId);
    if (f.modelVersion !== undefined) q = q.where('model_version', '=', f.modelVersion);
    if (f.grade !== undefined) q = q.where('grade', '=', f.grade);
    if (f.route !== undefined) q = q.where('route', '=', f.route);
    if (f.signal !== undefined) q = q.where(sql<boolean>`${f.signal} = any(signal_kinds)`);
    if (f.since) q = q.where('at', '>=', f.since);
    if (f.until) q = q.where('at', '<', f.until);
    const cursor = f.cursor;
    if (cursor) {
      const at = new Date(cursor.at);
      q = q.where((eb) =>
        eb.or([
          eb('at', '<', at),
          eb.and([eb('at', '=', at), eb('generation_id', '<', cursor.generationId)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('at', 'desc')
      .orderBy('generation_id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit).map(toLabel);
    const last = page.at(-1);
    return {
      labels: page,
      next: rows.length > f.limit && last ? { at: last.at, generationId: last.generationId } : null,
    };
  }
}
