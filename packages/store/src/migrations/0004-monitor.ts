import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const count = 'double precision'; // exact for integers below 2^53, and read as numbers (bigint reads as text)

/**
 * Monitoring: rollups of behavioural-signal counts per window × model version × prompt version ×
 * content type × cohort, each session's last contribution (subtracted when it is relabeled), the
 * versions' first appearance, and alerting — rules per project, open alerts, their history with
 * webhook delivery, and the row schedulers lock so that each project is evaluated by one at a time.
 */
export const monitor: Migration = {
  async up(db: Kysely<unknown>) {
    // Adds two `{kind: {sum, sumSq, cross}}` maps key by key, dropping keys that sum to zero: the
    // upsert of a rollup delta stays one statement, atomic under concurrent workers.
    await sql`
      create function tacit_add_moments(a jsonb, b jsonb) returns jsonb
      language sql immutable as $$
        select coalesce(jsonb_object_agg(k, jsonb_build_object('sum', s, 'sumSq', sq, 'cross', c)), '{}'::jsonb)
        from (
          select k, sum((v->>'sum')::float8) as s, sum((v->>'sumSq')::float8) as sq, sum((v->>'cross')::float8) as c
          from (select * from jsonb_each(coalesce(a, '{}'::jsonb)) union all select * from jsonb_each(coalesce(b, '{}'::jsonb))) e(k, v)
          group by k
        ) t
        where s <> 0 or sq <> 0 or c <> 0
      $$`.execute(db);

    await db.schema
      .createTable('monitor_rollups')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('window_size', 'text', (c) => c.notNull().check(sql`window_size in ('hour', 'day')`))
      .addColumn('window_start', 'timestamptz', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('prompt_version', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('cohort', 'text', (c) => c.notNull())
      .addColumn('sessions', count, (c) => c.notNull())
      .addColumn('generations', count, (c) => c.notNull())
      .addColumn('generations_sq', count, (c) => c.notNull())
      .addColumn('labeled', count, (c) => c.notNull())
      .addColumn('labeled_sq', count, (c) => c.notNull())
      .addColumn('completed', count, (c) => c.notNull())
      .addColumn('abandoned', count, (c) => c.notNull())
      .addColumn('unknown', count, (c) => c.notNull())
      .addColumn('retries', count, (c) => c.notNull())
      .addColumn('retries_sq', count, (c) => c.notNull())
      .addColumn('signals', 'jsonb', (c) => c.notNull())
      .addColumn('grades', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('monitor_rollups_pk', [
        'project_id',
        'window_size',
        'window_start',
        'model_version',
        'prompt_version',
        'content_type',
        'cohort',
      ])
      .execute();

    await db.schema
      .createTable('monitor_session_results')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('result', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('monitor_session_results_pk', ['project_id', 'session_id'])
      .execute();

    await db.schema
      .createTable('monitor_versions')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) =>
        c.notNull().check(sql`dimension in ('modelVersion', 'promptVersion')`),
      )
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('monitor_versions_pk', ['project_id', 'dimension', 'version'])
      .execute();

    await db.schema
      .createTable('alert_configs')
      .addColumn('project_id', 'text', (c) => c.primaryKey())
      .addColumn('config', 'jsonb', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('alert_schedule')
      .addColumn('project_id', 'text', (c) => c.primaryKey())
      .addColumn('evaluated_at', 'timestamptz')
      .addColumn('evaluated_by', 'text')
      .execute();

    await db.schema
      .createTable('alerts_open')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('quiet_for', 'integer', (c) => c.notNull())
      .addColumn('evaluation', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('alerts_open_pk', ['project_id', 'dedupe_key'])
      .execute();

    await db.schema
      .createTable('alert_events')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('fired', 'resolved')`))
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('evaluation', 'jsonb', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) =>
        c.notNull().check(sql`delivery in ('pending', 'delivered', 'failed', 'none')`),
      )
      .addColumn('delivery_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('delivery_status', 'integer')
      .addColumn('delivery_error', 'text')
      .addColumn('delivered_at', 'timestamptz')
      .addColumn('delivery_claimed_until', 'timestamptz')
      .addPrimaryKeyConstraint('alert_events_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('alert_events_at_idx')
      .on('alert_events')
      .columns(['project_id', 'at desc', 'id'])
      .execute();
    await sql`create index alert_events_undelivered_idx on alert_events (project_id, at) where delivery in ('pending', 'failed')`.execute(
      db,
    );

    // Sessions labeled before monitoring existed have no contribution yet: relabel them.
    await sql`update sessions set labeled_version = 0 where labeled_version > 0`.execute(db);
  },
};
