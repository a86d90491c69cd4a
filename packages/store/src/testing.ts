import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store, type StoreOptions } from './store.ts';

/**
 * Test support shared by every package's tests: throwaway PostgreSQL databases and the list of
 * backends a contract suite runs over. Not part of the public API.
 */
export const TEST_DATABASE_URL =
  process.env.TACIT_TEST_DATABASE_URL ?? 'postgres://tacit:tacit@127.0.0.1:5432/tacit';

/** PostgreSQL tests are skipped only when asked to, never silently. */
export const skipPostgres = process.env.TACIT_SKIP_POSTGRES === '1';

/** Creates an empty database on the test server; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tacit_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, empty store; `close` also removes what it created. */
  open(
    options?: Omit<StoreOptions, 'databaseUrl'>,
  ): Promise<{ store: Store; url?: string; close: () => Promise<void> }>;
}

export const testBackends: TestBackend[] = [
  {
    name: 'pglite',
    async open(options) {
      const store = await Store.open(options);
      return { store, close: () => store.close() };
    },
  },
  ...(skipPostgres
    ? []
    : [
        {
          name: 'postgres' as const,
          async open(options?: Omit<StoreOptions, 'databaseUrl'>) {
            const db = await createTestDatabase();
            const store = await Store.open({ ...options, databaseUrl: db.url });
            return {
              store,
              url: db.url,
              async close() {
                await store.close();
                await db.drop();
              },
            };
          },
        },
      ]),
];
