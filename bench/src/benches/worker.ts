import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TacitEvent } from '@tacit/core';
import { simulate } from '@tacit/simulator';
import { openStore } from '@tacit/store';
import { createTestDatabase } from '@tacit/store/testing';
import { LabelWorker } from '@tacit/worker';
import type { Task } from '../runner.ts';

/**
 * The labeling loop end to end on a real store: claim dirty sessions, read their events, label,
 * write signals, labels, outcomes and rollups. Simulated traffic is stored first (not measured).
 */
export const task: Task = {
  describe: 'labeling loop throughput on a store [--sessions N] [--only pglite|postgres]',
  async run(args, io) {
    const arg = (name: string, d: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? (args[i + 1] ?? d) : d;
    };
    const sessions = Number(arg('--sessions', '3000'));
    const only = arg('--only', '');
    const out: Record<string, unknown> = { sessions };
    for (const backend of ['pglite', 'postgres'] as const) {
      if (only && only !== backend) continue;
      const dir = mkdtempSync(join(tmpdir(), 'tacit-worker-bench-'));
      const pg = backend === 'postgres' ? await createTestDatabase() : undefined;
      const store = await openStore(pg ? { databaseUrl: pg.url } : { dataDir: dir });
      try {
        await store.projects.ensure('bench', 'bench');
        let batch: TacitEvent[] = [];
        let events = 0;
        for (const r of simulate({ seed: 3, sessions, start: '2026-01-01T00:00:00Z', days: 7 })) {
          if (r.kind !== 'event') continue;
          batch.push(r.event);
          events++;
          if (batch.length === 1000) {
            await store.events.insertBatch('bench', batch);
            batch = [];
          }
        }
        if (batch.length > 0) await store.events.insertBatch('bench', batch);
        const worker = new LabelWorker({ store, settleMs: 0, batch: 100 });
        const t0 = performance.now();
        const labeled = await worker.drain();
        const seconds = (performance.now() - t0) / 1000;
        io.log(`${backend}: ${labeled} sessions (${events} events) labeled in ${seconds.toFixed(1)} s`);
        out[backend] = {
          sessions_per_s: Math.round(labeled / seconds),
          events_per_s: Math.round(events / seconds),
          labeled,
          events,
        };
      } finally {
        await store.close();
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return out;
  },
};
