import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { validateEvent, type TacitEvent } from '@tacit/core';
import { buildApp, createKeys } from '@tacit/server';
import { openStore, type Store } from '@tacit/store';
import { createTestDatabase } from '@tacit/store/testing';
import type { Task } from '../runner.ts';

/**
 * HTTP batch ingestion vs the raw insert rate of the store (the ceiling), on PGlite and on
 * PostgreSQL. The HTTP clients run in a worker thread (other machines, in production), so the
 * server's thread does what it does in production: parse, validate, store, answer.
 */
interface Figures {
  http_eps: number;
  raw_eps: number;
  ratio: number;
  p50_ms: number;
  p99_ms: number;
  peak_rss_mb: number;
}

const words =
  'the model answered with a short helpful reply about rust python sql and the user copied it'.split(' ');
function text(n: number, seed: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `${words[(seed * 31 + i * 7) % words.length]} `;
  return s.trim();
}

/** A realistic mix: per session a message, a generation, then behaviour on it. */
function makeBatches(total: number, batchSize: number, tag: string): TacitEvent[][] {
  const raw: unknown[] = [];
  const t0 = Date.UTC(2026, 10, 1);
  for (let s = 0; raw.length < total; s++) {
    const sessionId = `${tag}-s${s}`;
    const gen = `${tag}-g${s}`;
    const ts = (k: number) => new Date(t0 + s * 60_000 + k * 1000).toISOString();
    const ctx = {
      app: 'bench',
      appVersion: '1.0',
      contentType: 'chat',
      cohort: { plan: s % 3 ? 'free' : 'pro' },
    };
    const base = (k: number, type: string) => ({
      id: `${tag}-e${s}-${k}`,
      type,
      ts: ts(k),
      sessionId,
      userId: `u${s % 97}`,
      context: ctx,
    });
    raw.push(
      { ...base(0, 'message'), properties: { text: text(12, s) } },
      {
        ...base(1, 'generation'),
        generationId: gen,
        properties: {
          prompt: text(12, s),
          output: text(80, s + 1),
          model: 'gpt-x',
          modelVersion: 'v1',
          promptVersion: 'p1',
          latencyMs: 900,
        },
      },
      { ...base(2, 'view'), generationId: gen, properties: { visibleMs: 5200, readDepth: 0.8 } },
      { ...base(3, 'copy'), generationId: gen, properties: { chars: 120, fraction: 0.3 } },
      { ...base(4, 'edit'), generationId: gen, properties: { text: text(78, s + 2) } },
      { ...base(5, 'accept'), generationId: gen, properties: {} },
      { ...base(6, 'feedback'), generationId: gen, properties: { thumb: 'up' } },
      { ...base(7, 'navigate'), generationId: gen, properties: { direction: 'away' } },
      { ...base(8, 'complete'), properties: { name: 'task_done' } },
      { ...base(9, 'session_end'), properties: { reason: 'closed' } },
    );
  }
  const events = raw.slice(0, total).map((e) => {
    const r = validateEvent(e);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  });
  const batches: TacitEvent[][] = [];
  for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));
  return batches;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function rawRate(store: Store, batches: TacitEvent[][], clients: number): Promise<number> {
  const project = (await store.projects.ensure('raw', 'raw')).id;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < batches.length) await store.events.insertBatch(project, batches[next++]!);
    }),
  );
  const events = batches.reduce((n, b) => n + b.length, 0);
  return events / ((performance.now() - t0) / 1000);
}

const clientSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, key, bodies, clients } = workerData;
const { Agent } = require(workerData.undici);
const agent = new Agent({ connections: clients, pipelining: 1, keepAliveTimeout: 30000 });
(async () => {
  let next = 0; const lat = []; let failed = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const s = performance.now();
      const res = await fetch(url + '/v1/events', { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key }, body });
      const j = await res.json();
      if (res.status !== 200 || j.accepted + j.duplicate !== j.results.length) failed++;
      lat.push(performance.now() - s);
    }
  }));
  parentPort.postMessage({ seconds: (performance.now() - t0) / 1000, lat, failed });
  await agent.close();
})();
`;

async function httpRate(store: Store, batches: TacitEvent[][], clients: number) {
  const app = await buildApp({ store, config: { logLevel: 'warn', rateLimitPerSecond: 1_000_000 } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { publicKey } = await createKeys(store, { projectId: 'http' });
  const bodies = batches.map((b) => JSON.stringify({ events: b }));
  try {
    const result = await new Promise<{ seconds: number; lat: number[]; failed: number }>(
      (resolve, reject) => {
        const w = new Worker(clientSource, {
          eval: true,
          workerData: {
            url,
            key: publicKey,
            bodies,
            clients,
            undici: import.meta.resolve('undici').replace('file://', ''),
          },
        });
        w.once('message', resolve);
        w.once('error', reject);
      },
    );
    if (result.failed > 0) throw new Error(`${result.failed} batches were not fully accepted`);
    const lat = result.lat.sort((a, b) => a - b);
    const events = batches.reduce((n, b) => n + b.length, 0);
    return { eps: events / result.seconds, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99) };
  } finally {
    await app.close();
  }
}

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

export const task: Task = {
  describe:
    'HTTP batch ingestion vs raw store inserts, PGlite and PostgreSQL [--events N] [--clients C] [--only pglite|postgres]',
  async run(args, io) {
    const arg = (name: string, d: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? (args[i + 1] ?? d) : d;
    };
    const total = Number(arg('--events', '200000'));
    const clients = Number(arg('--clients', '4'));
    const only = arg('--only', '');
    const batchSize = 100;
    const out: Record<string, Figures | number | string> = {};
    for (const backend of ['pglite', 'postgres'] as const) {
      if (only && only !== backend) continue;
      io.log(`${backend}: ${total} events, batches of ${batchSize}, ${clients} concurrent clients`);
      const figures = { raw: 0, http: { eps: 0, p50: 0, p99: 0 } };
      for (const phase of ['raw', 'http'] as const) {
        // Each phase on a fresh, empty database, so neither inherits the other's index sizes.
        const dir = mkdtempSync(join(tmpdir(), 'tacit-bench-'));
        const pgdb = backend === 'postgres' ? await createTestDatabase() : undefined;
        const store = await openStore(
          pgdb ? { databaseUrl: pgdb.url, poolSize: clients + 2 } : { dataDir: dir },
        );
        try {
          const batches = makeBatches(total, batchSize, phase);
          if (phase === 'raw') figures.raw = await rawRate(store, batches, clients);
          else figures.http = await httpRate(store, batches, clients);
        } finally {
          await store.close();
          await pgdb?.drop();
          rmSync(dir, { recursive: true, force: true });
        }
        io.log(`  ${phase}: ${round(phase === 'raw' ? figures.raw : figures.http.eps)} events/s`);
      }
      out[backend] = {
        http_eps: round(figures.http.eps),
        raw_eps: round(figures.raw),
        ratio: round(figures.http.eps / figures.raw, 3),
        p50_ms: round(figures.http.p50, 1),
        p99_ms: round(figures.http.p99, 1),
        peak_rss_mb: round(process.resourceUsage().maxRSS / 1024),
      };
    }
    out.events = total;
    out.batch = batchSize;
    out.clients = clients;
    return out;
  },
};
