import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The public evaluation data lives beside the project, in `../shared/data` (never copied into the
 * repository). `TACIT_SHARED_DATA` points elsewhere.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.TACIT_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  return resolve(fileURLToPath(new URL('../../../shared/data', import.meta.url)));
}

/** The path of a data set folder, or `undefined` when the shared data is not on this machine. */
export function sharedData(name: string): string | undefined {
  const dir = join(sharedDataDir(), name);
  return existsSync(dir) ? dir : undefined;
}

/** Like `sharedData`, for evals that cannot run without it: a clear error, not a silent pass. */
export function requireSharedData(name: string): string {
  const dir = sharedData(name);
  if (dir === undefined) {
    throw new Error(
      `shared data '${name}' not found under ${sharedDataDir()} (set TACIT_SHARED_DATA to its folder)`,
    );
  }
  return dir;
}
