import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What the labeling loop derives from the event log: signals, labels, session outcomes, the
 * product contexts they were derived under, and the claim columns that let several workers share
 * the dirty sessions.
 */
export const labels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('product_contexts')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('product_contexts_pk', ['project_id', 'hash'])
      .execute();
    await sql`create unique index product_contexts_active_idx on product_contexts (project_id) where active`.execute(
      db,
    );

    await db.schema
      .createTable('signals')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('generation_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('polarity', 'text', (c) => c.notNull())
      .addColumn('strength', 'double precision', (c) => c.notNull())
      .addColumn('evidence', 'jsonb', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('details', 'jsonb')
      .addColumn('context_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('signals_pk', ['project_id', 'session_id', 'id'])
      .execute();
    await db.schema
      .createIndex('signals_generation_idx')
      .on('signals')
      .columns(['project_id', 'generation_id'])
      .execute();
    await db.schema
      .createIndex('signals_kind_idx')
      .on('signals')
      .columns(['project_id', 'kind', 'at'])
      .execute();

    await db.schema
      .createTable('labels')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('generation_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('p_good', 'double precision', (c) => c.notNull())
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('grade', 'text')
      .addColumn('mixed', 'boolean', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('evidence', 'integer', (c) => c.notNull())
      .addColumn('signal_ids', 'jsonb', (c) => c.notNull())
      .addColumn('signal_kinds', sql`text[]`, (c) => c.notNull())
      .addColumn('final', 'boolean', (c) => c.notNull())
      .addColumn('context_version', 'text', (c) => c.notNull())
      .addColumn('context_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('model', 'text')
      .addColumn('model_version', 'text')
      .addColumn('prompt_version', 'text')
      .addColumn('content_type', 'text')
      .addColumn('labeled_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('labels_pk', ['project_id', 'generation_id'])
      .execute();
    await db.schema
      .createIndex('labels_session_idx')
      .on('labels')
      .columns(['project_id', 'session_id'])
      .execute();
    await db.schema
      .createIndex('labels_at_idx')
      .on('labels')
      .columns(['project_id', 'at desc', 'generation_id'])
      .execute();
    await db.schema
      .createIndex('labels_version_idx')
      .on('labels')
      .columns(['project_id', 'model_version', 'at'])
      .execute();

    await db.schema
      .createTable('outcomes')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('closed', 'boolean', (c) => c.notNull())
      .addColumn('retries', 'integer', (c) => c.notNull())
      .addColumn('corrections', 'integer', (c) => c.notNull())
      .addColumn('generations', 'integer', (c) => c.notNull())
      .addColumn('evidence', 'jsonb', (c) => c.notNull())
      .addColumn('context_hash', 'text', (c) => c.notNull())
      .addColumn('labeled_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('outcomes_pk', ['project_id', 'session_id'])
      .execute();

    await db.schema
      .alterTable('sessions')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'timestamptz')
      .addColumn('recheck_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('sessions_recheck_idx')
      .on('sessions')
      .column('recheck_at')
      .where(sql.ref('recheck_at'), 'is not', null)
      .execute();
  },
};
