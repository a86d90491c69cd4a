import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The anchor set: human-labeled, held-out examples imported from JSONL or CSV, exported as their
 * own split of every training export (the guard against label collapse).
 */
export const anchors: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('anchors')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('prompt', 'jsonb', (c) => c.notNull())
      .addColumn('response', 'text')
      .addColumn('label', 'boolean')
      .addColumn('grade', 'text')
      .addColumn('chosen', 'text')
      .addColumn('rejected', 'text')
      .addColumn('model_version', 'text')
      .addColumn('labeler', 'text')
      .addColumn('note', 'text')
      .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('anchors_pk', ['project_id', 'id'])
      .execute();
  },
};
