import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** A stored product context: the configuration under which behaviour is interpreted. */
export interface StoredContext {
  hash: string;
  version: string;
  body: Record<string, unknown>;
  createdAt: string;
}

/** The product contexts of each project, one active at a time. */
export class ContextRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The active context of a project, or undefined (the built-in default applies). */
  async active(projectId: string): Promise<StoredContext | undefined> {
    const row = await this.db
      .selectFrom('product_contexts')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('active', '=', true)
      .executeTakeFirst();
    return (
      row && { hash: row.hash, version: row.version, body: row.body, createdAt: row.created_at.toISOString() }
    );
  }

  /** Makes a context the active one of a project (storing it if new). Returns whether it changed. */
  async activate(
    projectId: string,
    ctx: { hash: string; version: string; body: Record<string, unknown> },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('product_contexts')
        .select('hash')
        .where('project_id', '=', projectId)
        .where('active', '=', true)
        .forUpdate()
        .executeTakeFirst();
      if (current?.hash === ctx.hash) return false;
      await trx
        .updateTable('product_contexts')
        .set({ active: false })
        .where('project_id', '=', projectId)
        .execute();
      await trx
        .insertInto('product_contexts')
        .values({
          project_id: projectId,
          hash: ctx.hash,
          version: ctx.version,
          body: JSON.stringify(ctx.body),
          active: true,
        })
        .onConflict((oc) => oc.columns(['project_id', 'hash']).doUpdateSet({ active: true }))
        .execute();
      return true;
    });
  }
}
