import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely';
import type { Connection } from './connection.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * The embedded database: PostgreSQL compiled to WASM, in this process. `dataDir` holds a `pg/`
 * folder with the database files and the lock; without it the database lives in memory.
 */
export async function pgliteConnection(
  dataDir?: string,
  settings: Readonly<Record<string, string | number>> = {},
): Promise<Connection> {
  const entries = Object.entries(settings);
  // PGlite's own start parameters, then ours: `-c name=value` each.
  const startParams =
    entries.length === 0
      ? undefined
      : [
          ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams,
          ...entries.flatMap(([k, v]) => ['-c', `${k}=${v}`]),
        ];
  const options = startParams ? { startParams } : {};
  // In memory there is nothing to lock; a data directory is locked first (PGlite has no lock).
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  const release = dir === undefined ? () => {} : lockDataDir(dir);
  try {
    let pgDir: string | undefined;
    if (dir !== undefined) {
      pgDir = join(dir, 'pg');
      mkdirSync(pgDir, { recursive: true });
    }
    const pglite = await PGlite.create(pgDir === undefined ? options : { dataDir: pgDir, ...options });
    return {
      backend: 'pglite',
      dialect: new PGliteDialect({ pglite }),
      close: async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
