import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ProjectRow } from '../schema.ts';

/** Tenants. */
export class ProjectRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a project; `id` defaults to a random `proj_…`. */
  async create(name: string, id = `proj_${randomBytes(9).toString('base64url')}`): Promise<ProjectRow> {
    return this.db.insertInto('projects').values({ id, name }).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<ProjectRow | undefined> {
    return this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<ProjectRow[]> {
    return this.db.selectFrom('projects').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  /** The project named `name`, created with id `id` when missing (the `default` project of `tacit start`). */
  async ensure(id: string, name: string): Promise<ProjectRow> {
    await this.db
      .insertInto('projects')
      .values({ id, name })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return (await this.get(id)) as ProjectRow;
  }
}
