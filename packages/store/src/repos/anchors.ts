import type { Anchor, Prompt } from '@tacit/core/datasets';
import { sql, type Kysely } from 'kysely';
import type { AnchorRow, Database } from '../schema.ts';

function toAnchor(r: AnchorRow): Anchor {
  return {
    id: r.id,
    prompt: r.prompt as Prompt,
    ...(r.response !== null ? { response: r.response } : {}),
    ...(r.label !== null ? { label: r.label } : {}),
    ...(r.grade !== null ? { grade: r.grade } : {}),
    ...(r.chosen !== null ? { chosen: r.chosen } : {}),
    ...(r.rejected !== null ? { rejected: r.rejected } : {}),
    ...(r.model_version !== null ? { modelVersion: r.model_version } : {}),
    ...(r.labeler !== null ? { labeler: r.labeler } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
  };
}

/** The anchor set of each project: human-labeled examples held out of the labeling loop. */
export class AnchorRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores anchors; an id already stored is replaced (a re-import corrects it). */
  async upsert(
    projectId: string,
    anchors: readonly Anchor[],
  ): Promise<{ inserted: number; updated: number }> {
    if (anchors.length === 0) return { inserted: 0, updated: 0 };
    const byId = new Map(anchors.map((a) => [a.id, a]));
    const rows = [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((a) => ({
        project_id: projectId,
        id: a.id,
        prompt: JSON.stringify(a.prompt),
        response: a.response ?? null,
        label: a.label ?? null,
        grade: a.grade ?? null,
        chosen: a.chosen ?? null,
        rejected: a.rejected ?? null,
        model_version: a.modelVersion ?? null,
        labeler: a.labeler ?? null,
        note: a.note ?? null,
      }));
    const result = await this.db
      .insertInto('anchors')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['project_id', 'id']).doUpdateSet((eb) => ({
          prompt: eb.ref('excluded.prompt'),
          response: eb.ref('excluded.response'),
          label: eb.ref('excluded.label'),
          grade: eb.ref('excluded.grade'),
          chosen: eb.ref('excluded.chosen'),
          rejected: eb.ref('excluded.rejected'),
          model_version: eb.ref('excluded.model_version'),
          labeler: eb.ref('excluded.labeler'),
          note: eb.ref('excluded.note'),
        })),
      )
      // xmax is 0 for a freshly inserted row version, non-zero for one an upsert updated.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const inserted = result.filter((r) => r.inserted).length;
    return { inserted, updated: result.length - inserted };
  }

  /** A project's anchors, by id. */
  async list(projectId: string): Promise<Anchor[]> {
    const rows = await this.db
      .selectFrom('anchors')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
    return rows.map(toAnchor);
  }

  async count(projectId: string): Promise<number> {
    const r = await this.db
      .selectFrom('anchors')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    return r.n;
  }
}
