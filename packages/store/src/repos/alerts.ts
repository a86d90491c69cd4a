import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertEvaluation, AlertEvent, OpenAlert } from '@tacit/core/monitor';
import type { AlertEventsTable, Database } from '../schema.ts';

const json = (v: unknown) => JSON.stringify(v);

/** A project's alert configuration as stored: the validated value and the text it came from. */
export interface StoredAlertConfig {
  config: Record<string, unknown>;
  source: string;
  updatedAt: string;
}

/** How an alert event's webhook delivery went. */
export interface AlertDelivery {
  /** `none`: no webhook was configured when the event happened. */
  state: 'pending' | 'delivered' | 'failed' | 'none';
  attempts: number;
  /** HTTP status of the last attempt. */
  status?: number;
  error?: string;
  deliveredAt?: string;
}

/** An entry of the alert history. */
export type AlertEventRecord = AlertEvent & { delivery: AlertDelivery };

function toEvent(r: Selectable<AlertEventsTable>): AlertEventRecord {
  return {
    id: r.id,
    type: r.type,
    dedupeKey: r.dedupe_key,
    ruleId: r.rule_id,
    projectId: r.project_id,
    at: r.at.getTime(),
    openedAt: r.opened_at.getTime(),
    ...(r.reason !== null ? { reason: r.reason as AlertEvent['reason'] } : {}),
    evaluation: r.evaluation as AlertEvaluation,
    delivery: {
      state: r.delivery,
      attempts: r.delivery_attempts,
      ...(r.delivery_status !== null ? { status: r.delivery_status } : {}),
      ...(r.delivery_error !== null ? { error: r.delivery_error } : {}),
      ...(r.delivered_at !== null ? { deliveredAt: r.delivered_at.toISOString() } : {}),
    },
  };
}

/**
 * Alert rules, open alerts and their history. Any number of schedulers (in `tacit start`, in
 * `tacit worker` processes) may run: `claimEvaluation` gives each project's evaluation slot to one
 * of them, `reconcile` serialises the state change on the project's schedule row, and an event is
 * stored once under its idempotent id — only the scheduler that stored it delivers it, and a
 * delivery is claimed before it is sent.
 */
export class AlertRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async getConfig(projectId: string): Promise<StoredAlertConfig | undefined> {
    const r = await this.db
      .selectFrom('alert_configs')
      .selectAll()
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return r && { config: r.config, source: r.source, updatedAt: r.updated_at.toISOString() };
  }

  async setConfig(projectId: string, config: Record<string, unknown>, source: string): Promise<void> {
    const row = { config: json(config), source, updated_at: new Date().toISOString() };
    await this.db
      .insertInto('alert_configs')
      .values({ project_id: projectId, ...row })
      .onConflict((oc) => oc.column('project_id').doUpdateSet(row))
      .execute();
  }

  /** Back to the default rules. Returns whether the project had rules of its own. */
  async deleteConfig(projectId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('alert_configs')
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Takes the project's evaluation slot for `owner` if no scheduler evaluated it in the last
   * `minIntervalMs`: several schedulers then evaluate each project about once per interval.
   */
  async claimEvaluation(projectId: string, owner: string, minIntervalMs: number): Promise<boolean> {
    await this.db
      .insertInto('alert_schedule')
      .values({ project_id: projectId, evaluated_at: null, evaluated_by: null })
      .onConflict((oc) => oc.column('project_id').doNothing())
      .execute();
    const r = await this.db
      .updateTable('alert_schedule')
      .set({ evaluated_at: sql`now()`, evaluated_by: owner })
      .where('project_id', '=', projectId)
      .where((eb) =>
        eb.or([
          eb('evaluated_at', 'is', null),
          eb('evaluated_at', '<=', sql<Date>`now() - make_interval(secs => ${minIntervalMs / 1000})`),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async open(projectId: string): Promise<OpenAlert[]> {
    const rows = await this.db
      .selectFrom('alerts_open')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('opened_at')
      .orderBy('dedupe_key')
      .execute();
    return rows.map((r) => ({
      dedupeKey: r.dedupe_key,
      ruleId: r.rule_id,
      projectId: r.project_id,
      openedAt: r.opened_at.getTime(),
      quietFor: r.quiet_for,
      evaluation: r.evaluation as AlertEvaluation,
    }));
  }

  /**
   * Moves the project's alerts to their next state in one transaction that holds the project's
   * schedule row: `transition` (e.g. `reconcileAlerts` with the new evaluations) sees the open
   * alerts as the last scheduler left them, its open alerts replace them, and its events are
   * appended to the history unless already there. Returns the events this call stored, which the
   * caller delivers (`delivery: 'pending'`) — another scheduler never sends them again.
   */
  async reconcile(
    projectId: string,
    transition: (open: OpenAlert[]) => { open: OpenAlert[]; events: AlertEvent[] },
    delivery: 'pending' | 'none',
  ): Promise<AlertEvent[]> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('alert_schedule')
        .values({ project_id: projectId, evaluated_at: null, evaluated_by: null })
        .onConflict((oc) => oc.column('project_id').doNothing())
        .execute();
      await trx
        .selectFrom('alert_schedule')
        .select('project_id')
        .where('project_id', '=', projectId)
        .forUpdate()
        .execute();
      const current = await new AlertRepo(trx).open(projectId);
      const { open, events } = transition(current);
      await trx.deleteFrom('alerts_open').where('project_id', '=', projectId).execute();
      if (open.length > 0) {
        await trx
          .insertInto('alerts_open')
          .values(
            open.map((a) => ({
              project_id: projectId,
              dedupe_key: a.dedupeKey,
              rule_id: a.ruleId,
              opened_at: new Date(a.openedAt).toISOString(),
              quiet_for: a.quietFor,
              evaluation: json(a.evaluation),
            })),
          )
          .execute();
      }
      if (events.length === 0) return [];
      const inserted = await trx
        .insertInto('alert_events')
        .values(
          events.map((e) => ({
            project_id: projectId,
            id: e.id,
            type: e.type,
            dedupe_key: e.dedupeKey,
            rule_id: e.ruleId,
            at: new Date(e.at).toISOString(),
            opened_at: new Date(e.openedAt).toISOString(),
            reason: e.reason ?? null,
            evaluation: json(e.evaluation),
            delivery,
          })),
        )
        .onConflict((oc) => oc.columns(['project_id', 'id']).doNothing())
        .returning('id')
        .execute();
      const ids = new Set(inserted.map((r) => r.id));
      return events.filter((e) => ids.has(e.id));
    });
  }

  /**
   * Claims undelivered events (pending, or failed less than `maxAgeMs` ago) for `leaseMs`, oldest
   * first: a scheduler that crashed mid-delivery leaves them to the next one.
   */
  async claimDeliveries(
    projectId: string,
    options: { leaseMs: number; maxAgeMs: number; maxAttempts: number; limit?: number },
  ): Promise<AlertEvent[]> {
    const rows = await sql<{ id: string }>`
      update alert_events e set delivery_claimed_until = now() + make_interval(secs => ${options.leaseMs / 1000})
      from (
        select project_id, id from alert_events
        where project_id = ${projectId}
          and delivery in ('pending', 'failed')
          and delivery_attempts < ${options.maxAttempts}
          and at > now() - make_interval(secs => ${options.maxAgeMs / 1000})
          and (delivery_claimed_until is null or delivery_claimed_until < now())
        order by at
        limit ${options.limit ?? 20}
        for update skip locked
      ) d
      where e.project_id = d.project_id and e.id = d.id
      returning e.id`.execute(this.db);
    if (rows.rows.length === 0) return [];
    const events = await this.db
      .selectFrom('alert_events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where(
        'id',
        'in',
        rows.rows.map((r) => r.id),
      )
      .orderBy('at')
      .execute();
    return events.map((r) => {
      const { delivery: _d, ...event } = toEvent(r);
      return event;
    });
  }

  /** Records how a delivery went (attempts add up across schedulers' tries). */
  async recordDelivery(
    projectId: string,
    id: string,
    outcome: { ok: boolean; attempts: number; status?: number; error?: string },
  ): Promise<void> {
    await this.db
      .updateTable('alert_events')
      .set((eb) => ({
        delivery: outcome.ok ? 'delivered' : 'failed',
        delivery_attempts: eb('delivery_attempts', '+', outcome.attempts),
        delivery_status: outcome.status ?? null,
        delivery_error: outcome.ok ? null : (outcome.error ?? null),
        delivered_at: outcome.ok ? new Date().toISOString() : null,
        delivery_claimed_until: null,
      }))
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .execute();
  }

  /** The alert history, newest first. */
  async history(projectId: string, options: { limit: number; before?: Date }): Promise<AlertEventRecord[]> {
    let q = this.db.selectFrom('alert_events').selectAll().where('project_id', '=', projectId);
    if (options.before) q = q.where('at', '<', options.before);
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toEvent);
  }
}
