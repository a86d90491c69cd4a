import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../schema.ts';

export type KeyKind = 'public' | 'secret';

/** What a key grants, once verified. */
export interface KeyGrant {
  projectId: string;
  keyId: string;
  kind: KeyKind;
}

/** A key listing: never the secret itself, only its prefix. */
export interface KeyInfo {
  projectId: string;
  id: string;
  kind: KeyKind;
  prefix: string;
  name: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Keys are random 192/256-bit strings, so a plain SHA-256 is enough to store them safely. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function info(row: ApiKeyRow): KeyInfo {
  return {
    projectId: row.project_id,
    id: row.id,
    kind: row.kind,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** API keys: a public key (`pk_…`, write-only, safe in a browser) and secret keys (`sk_…`). */
export class KeyRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a key; the returned `key` is shown once and never stored. */
  async create(projectId: string, kind: KeyKind, name?: string): Promise<KeyInfo & { key: string }> {
    const key = `${kind === 'public' ? 'pk' : 'sk'}_${randomBytes(kind === 'public' ? 18 : 32).toString('base64url')}`;
    const row = await this.db
      .insertInto('api_keys')
      .values({
        project_id: projectId,
        id: `key_${randomBytes(9).toString('base64url')}`,
        kind,
        key_hash: hashKey(key),
        // Public keys are not secret: list them whole. Secret keys: enough to recognise them.
        prefix: kind === 'public' ? key : `${key.slice(0, 10)}…`,
        name: name ?? null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...info(row), key };
  }

  /** The grant of a presented key, or undefined when unknown or revoked. */
  async verify(key: string): Promise<KeyGrant | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .select(['project_id', 'id', 'kind'])
      .where('key_hash', '=', hashKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && { projectId: row.project_id, keyId: row.id, kind: row.kind };
  }

  async list(projectId?: string): Promise<KeyInfo[]> {
    let q = this.db.selectFrom('api_keys').selectAll();
    if (projectId !== undefined) q = q.where('project_id', '=', projectId);
    return (await q.orderBy('project_id').orderBy('created_at').orderBy('id').execute()).map(info);
  }

  /** Revokes by key id or by the key itself; returns whether a live key was revoked. */
  async revoke(idOrKey: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key_hash', '=', hashKey(idOrKey))]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
