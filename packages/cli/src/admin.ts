import type { IngestResponse, CreatedKeys } from '@tacit/server';
import { createKeys, ingest } from '@tacit/server';
import type { KeyInfo, Store } from '@tacit/store';
import { openTargetStore, runningServer, type ResolvedTarget } from './target.ts';

/**
 * What the CLI does to a Tacit database. Directly on the store, or, while `tacit start` owns the
 * embedded data directory (PGlite admits one process), through that server's local admin API.
 */
export interface Admin {
  createKeys(opts: { projectId?: string; projectName?: string; name?: string }): Promise<CreatedKeys>;
  listKeys(): Promise<KeyInfo[]>;
  revokeKey(idOrKey: string): Promise<boolean>;
  importEvents(projectId: string, events: unknown[]): Promise<IngestResponse>;
  close(): Promise<void>;
}

export async function openAdmin(target: ResolvedTarget): Promise<Admin> {
  const server = runningServer(target);
  if (server) return httpAdmin(server.url, server.adminToken);
  return storeAdmin(await openTargetStore(target));
}

function storeAdmin(store: Store): Admin {
  return {
    createKeys: (opts) => createKeys(store, opts),
    listKeys: () => store.keys.list(),
    revokeKey: (k) => store.keys.revoke(k),
    async importEvents(projectId, events) {
      await store.projects.ensure(projectId, projectId);
      return ingest(store, projectId, events);
    },
    close: () => store.close(),
  };
}

function httpAdmin(url: string, token: string): Admin {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok && res.status !== 207)
      throw new Error(`${method} ${path}: ${json.error?.message ?? res.status}`);
    return json;
  }
  return {
    createKeys: (opts) => call('POST', '/v1/admin/keys', opts),
    listKeys: async () => (await call<{ keys: KeyInfo[] }>('GET', '/v1/admin/keys')).keys,
    revokeKey: async (key) =>
      (await call<{ revoked: boolean }>('POST', '/v1/admin/keys/revoke', { key })).revoked,
    importEvents: (projectId, events) =>
      call('POST', `/v1/admin/projects/${encodeURIComponent(projectId)}/events`, { events }),
    close: () => Promise.resolve(),
  };
}
