import pg from 'pg';

/**
 * The store contract suite runs on PostgreSQL as well as PGlite. Check once that the test server
 * answers, and say how to start it when it does not (`.ci/run` does this in CI).
 */
export default async function setup(): Promise<void> {
  if (process.env.TACIT_SKIP_POSTGRES === '1') {
    console.warn('TACIT_SKIP_POSTGRES=1: the PostgreSQL half of the store contract suite is skipped');
    return;
  }
  const url = process.env.TACIT_TEST_DATABASE_URL ?? 'postgres://tacit:tacit@127.0.0.1:5432/tacit';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${(err as Error).message}).\n` +
        `Start it and create the test role as .ci/run does, set TACIT_TEST_DATABASE_URL, ` +
        `or set TACIT_SKIP_POSTGRES=1 to skip the PostgreSQL tests.`,
      { cause: err },
    );
  } finally {
    await client.end().catch(() => {});
  }
}
