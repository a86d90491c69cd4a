import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlertScheduler,
  buildApp,
  createKeys,
  VERSION,
  type AlertSchedulerOptions,
  type CreatedKeys,
  type ServerConfigInput,
} from '@tacit/server';
import type { Store } from '@tacit/store';
import { LabelWorker, type WorkerOptions } from '@tacit/worker';
import type { FastifyInstance } from 'fastify';
import { openTargetStore, serverFilePath, type ResolvedTarget } from '../target.ts';

export interface StartOptions {
  port: number;
  host: string;
  target: ResolvedTarget;
  config?: ServerConfigInput;
  /** Run the labeling loop in this process (default true). */
  worker?: boolean;
  /** Start the labeling loop at once (default true); otherwise `running.worker.start()` later. */
  startWorker?: boolean;
  /** Options of the labeling loop. */
  workerOptions?: Omit<WorkerOptions, 'store'>;
  /** Evaluate alert rules in this process (default true). */
  alerts?: boolean;
  alertOptions?: Omit<AlertSchedulerOptions, 'store'>;
}

export interface Running {
  url: string;
  store: Store;
  app: FastifyInstance;
  keys: CreatedKeys;
  worker: LabelWorker | undefined;
  alerts: AlertScheduler | undefined;
  stop(): Promise<void>;
}

/**
 * The ready-to-use keys of the default project. Keys are stored hashed, so the plain keys shown
 * at start live in a file of the data directory that only this user can read.
 */
async function devKeys(store: Store, t: ResolvedTarget): Promise<CreatedKeys> {
  const suffix = t.databaseUrl
    ? `-${createHash('sha256').update(t.databaseUrl).digest('hex').slice(0, 8)}`
    : '';
  const path = join(t.dataDir, `keys${suffix}.json`);
  if (existsSync(path)) {
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as CreatedKeys;
      const [pk, sk] = await Promise.all([
        store.keys.verify(saved.publicKey),
        store.keys.verify(saved.secretKey),
      ]);
      if (pk?.projectId === saved.projectId && sk?.projectId === saved.projectId) return saved;
    } catch {
      // unreadable or stale: make new ones below
    }
  }
  const keys = await createKeys(store, { name: 'tacit start' });
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

/** Opens the store, starts the HTTP server, and returns how to stop both. */
export async function startTacit(o: StartOptions): Promise<Running> {
  const store = await openTargetStore(o.target);
  const embedded = o.target.databaseUrl === undefined;
  const adminToken = embedded ? `adm_${randomBytes(24).toString('base64url')}` : undefined;
  let app: FastifyInstance | undefined;
  try {
    mkdirSync(o.target.dataDir, { recursive: true });
    const keys = await devKeys(store, o.target);
    const alerts = o.alerts === false ? undefined : new AlertScheduler({ ...o.alertOptions, store });
    const worker =
      o.worker === false
        ? undefined
        : new LabelWorker({
            ...o.workerOptions,
            store,
            // New labels may open or resolve alerts: evaluate their project soon.
            onLabeled: (claim, result) => {
              o.workerOptions?.onLabeled?.(claim, result);
              alerts?.nudge(claim.projectId);
            },
          });
    app = await buildApp({
      store,
      config: { ...o.config, ...(adminToken ? { adminToken } : {}) },
      ...(worker ? { labeler: worker } : {}),
      ...(o.workerOptions?.defaultContext ? { defaultContext: o.workerOptions.defaultContext } : {}),
      ...(alerts ? { alerts } : {}),
    });
    const url = (await app.listen({ port: o.port, host: o.host })).replace('[::1]', 'localhost');
    const serverFile = serverFilePath(o.target.dataDir);
    if (adminToken) {
      writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url, adminToken }), { mode: 0o600 });
      chmodSync(serverFile, 0o600);
    }
    const started = app;
    if (o.startWorker !== false) worker?.start();
    alerts?.start();
    let stopping: Promise<void> | undefined;
    return {
      url,
      store,
      app: started,
      keys,
      worker,
      alerts,
      stop: () =>
        (stopping ??= (async () => {
          if (adminToken) rmSync(serverFile, { force: true });
          await started.close();
          await worker?.stop();
          await alerts?.stop();
          await store.close();
        })()),
    };
  } catch (err) {
    await app?.close();
    await store.close();
    throw err;
  }
}

export function banner(r: Running, t: ResolvedTarget): string {
  const db = t.databaseUrl ? `PostgreSQL ${redact(t.databaseUrl)}` : `embedded database in ${t.dataDir}`;
  return [
    `Tacit ${VERSION} listening on ${r.url} (${db})`,
    ``,
    `  project      ${r.keys.projectId}`,
    `  public key   ${r.keys.publicKey}   (write-only, safe in a browser)`,
    `  secret key   ${r.keys.secretKey}   (reads and writes: keep it on servers)`,
    ``,
    ...(r.app.hasRoute({ method: 'GET', url: '/' })
      ? [`  dashboard    ${r.url}/#key=${r.keys.secretKey}   (signs this browser in with the secret key)`]
      : []),
    `  try: curl -s ${r.url}/v1/sessions -H 'authorization: Bearer ${r.keys.secretKey}'`,
    `  API: ${r.url}/openapi.json`,
    ``,
  ].join('\n');
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'server';
  }
}
