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
  if (dataDir === undefined) {
    const pglite = await PGlite.create(options);
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
    const pglite = await PGlite.create({ dataDir: pgDir, ...options });
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
