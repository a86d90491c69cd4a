import type { Store } from '@tacit/store';
import type { TestBackend } from '@tacit/store/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { ServerConfigInput } from '../src/config.ts';
import { createKeys, type CreatedKeys } from '../src/keys.ts';

/** A real server on a loopback port over a fresh store of one backend. */
export interface Harness {
  url: string;
  store: Store;
  app: FastifyInstance;
  keys: CreatedKeys;
  /** The PostgreSQL database's URL (for a second connection), when the backend is PostgreSQL. */
  databaseUrl?: string;
  close(): Promise<void>;
  post(path: string, body: unknown, key?: string, headers?: Record<string, string>): Promise<Response>;
  get(path: string, key?: string): Promise<Response>;
}

export async function startHarness(backend: TestBackend, config: ServerConfigInput = {}): Promise<Harness> {
  const opened = await backend.open();
  const app = await buildApp({ store: opened.store, config: { logLevel: 'silent', ...config } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const keys = await createKeys(opened.store);
  const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  return {
    url,
    store: opened.store,
    app,
    keys,
    ...(opened.url !== undefined ? { databaseUrl: opened.url } : {}),
    async close() {
      await app.close();
      await opened.close();
    },
    post: (path, body, key, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(key), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, key) => fetch(url + path, { headers: auth(key) }),
  };
}

let seq = 0;
/** A valid copy event; `over` replaces fields. */
export function copyEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    id: `e-${Date.now().toString(36)}-${seq}`,
    type: 'copy',
    ts: new Date(Date.UTC(2026, 10, 23, 12, 0, 0, seq)).toISOString(),
    sessionId: 's-1',
    generationId: 'g-1',
    properties: { chars: 10, fraction: 0.5 },
    ...over,
  };
}
