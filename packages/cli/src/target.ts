import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockOwner, openStore, type Store } from '@tacit/store';

/** Where the CLI's data lives: `--database-url`/`DATABASE_URL`, else `--data-dir`/`TACIT_DATA_DIR`/`./.tacit`. */
export interface TargetOptions {
  dataDir?: string;
  databaseUrl?: string;
}

export interface ResolvedTarget {
  dataDir: string;
  databaseUrl: string | undefined;
}

export function resolveTarget(o: TargetOptions): ResolvedTarget {
  const databaseUrl = o.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  return { dataDir: resolve(o.dataDir ?? (process.env.TACIT_DATA_DIR || '.tacit')), databaseUrl };
}

/** What `tacit start` writes into an embedded data directory so the CLI can reach it while it serves. */
export interface ServerFile {
  pid: number;
  url: string;
  adminToken: string;
}

export const serverFilePath = (dataDir: string) => join(dataDir, 'server.json');

/** The running server that owns this data directory, if any. */
export function runningServer(t: ResolvedTarget): ServerFile | undefined {
  if (t.databaseUrl !== undefined) return undefined;
  const owner = lockOwner(t.dataDir);
  const path = serverFilePath(t.dataDir);
  if (owner === undefined || !existsSync(path)) return undefined;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as ServerFile;
    return file.pid === owner ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the target's store; `pgSettings` tune the embedded database (ignored on PostgreSQL). */
export function openTargetStore(t: ResolvedTarget, pgSettings?: Record<string, string>): Promise<Store> {
  return openStore(
    t.databaseUrl !== undefined
      ? { databaseUrl: t.databaseUrl }
      : { dataDir: t.dataDir, ...(pgSettings ? { pgSettings } : {}) },
  );
}
