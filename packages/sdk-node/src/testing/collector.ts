import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateEvent, type FieldError, type TacitEvent } from '@tacit/core';

/** How the collector answers the next requests. */
export type CollectorMode =
  | { kind: 'up' }
  /** The connection is dropped (server down). */
  | { kind: 'down' }
  /** Every request gets this status (e.g. 429 or 503), with `Retry-After` when given. */
  | { kind: 'status'; status: number; retryAfter?: string };

export interface CollectedRequest {
  headers: IncomingHttpHeaders;
  /** The key, from `Authorization: Bearer` or (beacons) the `key` query parameter. */
  key: string | undefined;
  /** Event ids in the body (also for refused requests). */
  ids: string[];
  status: number;
  bytes: number;
}

export interface CollectorOptions {
  /** Keys accepted; by default any `pk_…` or `sk_…`. */
  keys?: string[];
  maxEvents?: number;
  maxBytes?: number;
}

export interface Collector {
  url: string;
  /** Events stored, in arrival order, each once. */
  events: TacitEvent[];
  requests: CollectedRequest[];
  /** Invalid events with their errors. */
  invalid: { event: unknown; errors: FieldError[] }[];
  mode: CollectorMode;
  /** Resolves when `predicate(events)` holds, or rejects after `timeoutMs`. */
  waitFor(predicate: (events: TacitEvent[]) => boolean, timeoutMs?: number): Promise<TacitEvent[]>;
  close(): Promise<void>;
}

/**
 * A stand-in for Tacit's ingestion endpoint that answers exactly like its contract:
 * `POST /v1/events` with a bearer key (or `?key=` for beacons), JSON only (415 otherwise),
 * 413 past `maxEvents`/`maxBytes`, per-event results with 200 or 207, duplicates acknowledged,
 * CORS for pages on other origins. Tests switch `mode` to simulate outages and throttling.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const { maxEvents = 1000, maxBytes = 5 * 1024 * 1024 } = options;
  const seen = new Set<string>();
  const waiters = new Set<() => void>();
  const c: Omit<Collector, 'url' | 'close' | 'waitFor'> = {
    events: [],
    requests: [],
    invalid: [],
    mode: { kind: 'up' },
  };
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-max-age': '600',
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      let events: unknown[] = [];
      try {
        events = (JSON.parse(raw.toString('utf8')) as { events?: unknown[] }).events ?? [];
      } catch {
        // Answered below with 400.
      }
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const key = auth ?? url.searchParams.get('key') ?? undefined;
      const record: CollectedRequest = {
        headers: req.headers,
        key,
        ids: events.map((e) => String((e as { id?: unknown }).id)),
        status: 0,
        bytes: raw.length,
      };
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        record.status = status;
        c.requests.push(record);
        res.writeHead(status, { ...cors, 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const mode = c.mode;
      if (mode.kind === 'down') {
        record.status = -1;
        c.requests.push(record);
        req.socket.destroy();
        return;
      }
      if (mode.kind === 'status') {
        answer(
          mode.status,
          { error: 'simulated' },
          mode.retryAfter ? { 'retry-after': mode.retryAfter } : {},
        );
        return;
      }
      if (req.method !== 'POST' || url.pathname !== '/v1/events') return answer(404, { error: 'not found' });
      const ok = key !== undefined && (options.keys ? options.keys.includes(key) : /^(pk|sk)_/.test(key));
      if (!ok) return answer(401, { error: 'bad key' });
      if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
        return answer(415, { error: 'json only' });
      if (raw.length > maxBytes || events.length > maxEvents) return answer(413, { error: 'too large' });
      const counts = { accepted: 0, duplicate: 0, invalid: 0 };
      const results = events.map((e, index) => {
        const id = (e as { id?: unknown }).id;
        const v = validateEvent(e);
        if (!v.ok) {
          counts.invalid++;
          c.invalid.push({ event: e, errors: v.errors });
          return { index, id, status: 'invalid', errors: v.errors };
        }
        if (seen.has(v.value.id)) {
          counts.duplicate++;
          return { index, id, status: 'duplicate' };
        }
        seen.add(v.value.id);
        c.events.push(v.value);
        counts.accepted++;
        return { index, id, status: 'accepted' };
      });
      answer(counts.invalid > 0 ? 207 : 200, { results, ...counts });
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const collector: Collector = Object.assign(c, {
    url: `http://127.0.0.1:${port}`,
    waitFor(predicate: (events: TacitEvent[]) => boolean, timeoutMs = 10_000): Promise<TacitEvent[]> {
      return new Promise<TacitEvent[]>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(c.events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(c.events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out; ${c.events.length} events: ${c.events.map((e) => e.type).join(', ')}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return collector;
}
