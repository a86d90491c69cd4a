import { startTacit, type Running, type StartOptions } from '../../packages/cli/src/commands/start.ts';
import { resolveTarget } from '../../packages/cli/src/target.ts';

/**
 * A real `tacit start` for an integration test: loopback, a free port, the embedded database in
 * `dir`, quiet logs and a labeling loop that settles fast. `over` replaces any of it.
 */
export function startTestTacit(dir: string, over: Partial<StartOptions> = {}): Promise<Running> {
  return startTacit({
    port: 0,
    host: '127.0.0.1',
    target: resolveTarget({ dataDir: dir }),
    config: { logLevel: 'silent' },
    workerOptions: { settleMs: 20, pollMs: 100 },
    ...over,
  });
}

/** Waits until the labeling loop has labeled everything the key's project ingested. */
export async function labeled(
  url: string,
  secretKey: string,
  timeoutMs = 20_000,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${url}/v1/labeling/status`, { headers: { authorization: `Bearer ${secretKey}` } });
    if (r.ok && ((await r.json()) as { dirty: number }).dirty === 0) return;
    if (Date.now() > deadline) throw new Error(`the labeling loop did not catch up in ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, pollMs));
  }
}
