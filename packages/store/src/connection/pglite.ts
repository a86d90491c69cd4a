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
export async function pgliteConnection(dataDir?: string): Promise<Connection> {
  if (dataDir === undefined) {
    const pglite = await PGlite.create();
    return {
      backend: 'pglite',
      dialect: new PGliteDialect({ pglite }),
      close: async () => {
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  const dir = resolve(dataDir);
  const release = lockDataDir(dir);
  try {
    const pgDir = join(dir, 'pg');
    mkdirSync(pgDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir: pgDir });
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
