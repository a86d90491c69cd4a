import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Projects, keys, the event log and its session and generation projections. */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('public', 'secret')`))
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addPrimaryKeyConstraint('api_keys_pk', ['project_id', 'id'])
      .execute();

    await db.schema
      .createTable('events')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('ts', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('generation_id', 'text')
      .addColumn('properties', 'jsonb', (c) => c.notNull())
      .addColumn('context', 'jsonb')
      .addPrimaryKeyConstraint('events_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('events_session_idx')
      .on('events')
      .columns(['project_id', 'session_id', 'ts'])
      .execute();
    await db.schema
      .createIndex('events_generation_idx')
      .on('events')
      .columns(['project_id', 'generation_id'])
      .where(sql.ref('generation_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('generations')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('ts', 'timestamptz', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text')
      .addColumn('prompt_version', 'text')
      .addColumn('parent_id', 'text')
      .addColumn('message_id', 'text')
      .addColumn('content_type', 'text')
      .addColumn('prompt', 'jsonb', (c) => c.notNull())
      .addColumn('output', 'text', (c) => c.notNull())
      .addColumn('latency_ms', 'double precision')
      .addColumn('usage', 'jsonb')
      .addPrimaryKeyConstraint('generations_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('generations_session_idx')
      .on('generations')
      .columns(['project_id', 'session_id', 'ts'])
      .execute();
    await db.schema
      .createIndex('generations_model_version_idx')
      .on('generations')
      .columns(['project_id', 'model_version', 'ts'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('first_ts', 'timestamptz', (c) => c.notNull())
      .addColumn('last_ts', 'timestamptz', (c) => c.notNull())
      .addColumn('last_received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('event_count', 'integer', (c) => c.notNull())
      .addColumn('cohort', 'jsonb')
      .addColumn('app', 'text')
      .addColumn('app_version', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('labeled_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sessions_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('sessions_last_ts_idx')
      .on('sessions')
      .columns(['project_id', 'last_ts desc', 'id'])
      .execute();
    await db.schema
      .createIndex('sessions_user_idx')
      .on('sessions')
      .columns(['project_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('sessions_dirty_idx')
      .on('sessions')
      .columns(['project_id', 'last_received_at'])
      .where(sql.ref('version'), '>', sql.ref('labeled_version'))
      .execute();
  },
};
