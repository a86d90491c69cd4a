import { randomBytes } from 'node:crypto';
import { buildApp } from '@tacit/server';
import type { Store } from '@tacit/store';
import type { FastifyInstance } from 'fastify';
import { openTargetStore, runningServer, type ResolvedTarget } from './target.ts';

export interface ApiRequest {
  body?: unknown;
  /** The project the admin token acts for (`x-tacit-project`). */
  project?: string;
  contentType?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * The CLI's one way to a Tacit database: its HTTP API, with the admin token. While `tacit start`
 * owns the embedded data directory (PGlite admits one process), requests go to that server;
 * otherwise the CLI opens the store itself and serves the same API in-process (no socket), so each
 * command is written once.
 */
export interface Api {
  request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    req?: ApiRequest,
  ): Promise<ApiResponse<T>>;
  /** The store, when the CLI opened it itself (not through a running server). */
  store: Store | undefined;
  close(): Promise<void>;
}

/** An API error as a CLI message: `bad_request: the reason`. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    super(e ? `${e.message}` : `HTTP ${status}`);
    this.name = 'ApiCallError';
  }
}

/** `request`, throwing `ApiCallError` on anything but 200/207. */
export async function call<T>(
  api: Api,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  req?: ApiRequest,
): Promise<T> {
  const r = await api.request<T>(method, path, req);
  if (r.status !== 200 && r.status !== 207) throw new ApiCallError(r.status, r.body);
  return r.body;
}

function headers(token: string, req: ApiRequest): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    ...(req.project !== undefined ? { 'x-tacit-project': req.project } : {}),
    ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
  };
}

function payload(req: ApiRequest): string | undefined {
  if (req.body === undefined) return undefined;
  return typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
}

export async function openApi(target: ResolvedTarget): Promise<Api> {
  const server = runningServer(target);
  if (server) {
    return {
      store: undefined,
      async request(method, path, req = {}) {
        const body = payload(req);
        const res = await fetch(server.url + path, {
          method,
          headers: headers(server.adminToken, req),
          ...(body !== undefined ? { body } : {}),
        });
        return { status: res.status, body: (await res.json()) as never };
      },
      close: () => Promise.resolve(),
    };
  }
  const store = await openTargetStore(target);
  const token = `adm_${randomBytes(24).toString('base64url')}`;
  let app: FastifyInstance;
  try {
    app = await buildApp({
      store,
      config: { adminToken: token, logLevel: 'silent', rateLimitPerSecond: 1_000_000 },
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    store,
    async request(method, path, req = {}) {
      const body = payload(req);
      const res = await app.inject({
        method,
        url: path,
        headers: headers(token, req),
        ...(body !== undefined ? { payload: body } : {}),
      });
      return { status: res.statusCode, body: res.json<never>() };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Runs `fn` with the API of the target and closes it afterwards, whatever `fn` did. */
export async function withApi<T>(target: ResolvedTarget, fn: (api: Api) => Promise<T>): Promise<T> {
  const api = await openApi(target);
  try {
    return await fn(api);
  } finally {
    await api.close();
  }
}
