import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Connection } from './connection.ts';

/** A PostgreSQL server (`DATABASE_URL`), through a pool of `max` connections. */
export function postgresConnection(url: string, max = 10): Connection {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Kysely's destroy() ends the pool; nothing else to let go of.
  return { backend: 'postgres', dialect: new PostgresDialect({ pool }), close: () => Promise.resolve() };
}
