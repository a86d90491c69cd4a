import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { monthStart } from './month.ts';

/**
 * What `tacit demo` remembers in its data directory (`demo.json`, readable by you only): the
 * demo project's plain keys (they are stored hashed), the month it loads, and whether loading
 * finished. Keeping `start` is what makes a rerun send the very same events (ids carry the time).
 */
export const demoManifestSchema = z.object({
  projectId: z.string(),
  publicKey: z.string(),
  secretKey: z.string(),
  seed: z.number().int(),
  sessions: z.number().int().positive(),
  start: z.iso.datetime(),
  loaded: z
    .object({
      at: z.iso.datetime(),
      /** Sessions sent, and events stored in the demo project when loading finished. */
      sessions: z.number().int(),
      stored: z.number().int(),
      seconds: z.number(),
      /** A session and a generation of the regressing version, to show in the examples. */
      example: z.object({ sessionId: z.string(), generationId: z.string() }).optional(),
    })
    .optional(),
});

export type DemoManifest = z.infer<typeof demoManifestSchema>;

export const demoManifestPath = (dataDir: string) => join(dataDir, 'demo.json');

/** The saved manifest, or undefined when there is none (or it is unreadable: then start over). */
export function readDemoManifest(dataDir: string): DemoManifest | undefined {
  const path = demoManifestPath(dataDir);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = demoManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeDemoManifest(dataDir: string, m: DemoManifest): void {
  const path = demoManifestPath(dataDir);
  writeFileSync(path, `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export interface MonthChoice {
  seed: number;
  sessions: number;
  start: string;
}

/**
 * The month this run serves: the saved one (flags left out take its values), or a new one ending
 * now. Flags that differ from a saved demo are refused rather than mixing two months in one
 * project.
 */
export function chooseMonth(
  saved: DemoManifest | undefined,
  want: { seed?: number; sessions?: number },
  defaults: { seed: number; sessions: number },
  now: Date,
): { ok: true; month: MonthChoice } | { ok: false; message: string } {
  if (saved === undefined) {
    const month = {
      seed: want.seed ?? defaults.seed,
      sessions: want.sessions ?? defaults.sessions,
      start: monthStart(now),
    };
    return { ok: true, month };
  }
  if ((want.seed ?? saved.seed) !== saved.seed || (want.sessions ?? saved.sessions) !== saved.sessions) {
    return {
      ok: false,
      message:
        `this data directory already holds a demo of ${saved.sessions} sessions (seed ${saved.seed}); ` +
        `run without --seed and --sessions to serve it, or give another --data-dir for a different one`,
    };
  }
  return { ok: true, month: { seed: saved.seed, sessions: saved.sessions, start: saved.start } };
}

/**
 * The finished load to serve as it is, or undefined when the month must be sent (again): never
 * loaded, interrupted, or the events are not in the database any more. Sending again is safe:
 * the same events carry the same ids, and the server acknowledges stored ones as duplicates.
 */
export function finishedLoad(
  saved: DemoManifest | undefined,
  storedEvents: number,
): DemoManifest['loaded'] | undefined {
  const loaded = saved?.loaded;
  return loaded !== undefined && storedEvents >= loaded.stored ? loaded : undefined;
}
