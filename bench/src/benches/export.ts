import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TacitEvent } from '@tacit/core';
import { simulate } from '@tacit/simulator';
import { openStore } from '@tacit/store';
import type { Task } from '../runner.ts';

/** Simulated traffic into an embedded store: setup, not measured. Kept between runs (same events and seed). */
async function prepare(dir: string, events: number, seed: number, log: (m: string) => void): Promise<void> {
  if (existsSync(join(dir, 'ready'))) {
    log(`reusing the prepared data directory ${dir}`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = await openStore({ dataDir: dir });
  const t0 = performance.now();
  try {
    await store.projects.ensure('bench', 'bench');
    let batch: TacitEvent[] = [];
    let n = 0;
    for (const r of simulate({ seed, events })) {
      if (r.kind !== 'event') continue;
      batch.push(r.event);
      if (batch.length === 1000) {
        await store.events.insertBatch('bench', batch);
        n += batch.length;
        batch = [];
        if (n % 100_000 === 0)
          log(`  prepared ${n} events (${Math.round(n / ((performance.now() - t0) / 1000))}/s)`);
      }
    }
    await store.events.insertBatch('bench', batch);
  } finally {
    await store.close();
  }
  writeFileSync(join(dir, 'ready'), `${events} ${seed}\n`);
}

/**
 * The export's live heap is small (one batch of sessions; tens of MB), but by default V8 lets
 * old-space garbage pile up to ~150 MB between major collections. Capping the heap only makes it
 * collect sooner; the same flags work for `tacit export` through NODE_OPTIONS.
 */
export const CHILD_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4'];

function child(
  dataDir: string,
  kind: string,
  out: string,
  log: (m: string) => void,
): Promise<Record<string, unknown>> {
  const script = fileURLToPath(new URL('../lib/export-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...CHILD_FLAGS, '--import', 'tsx', script, dataDir, kind, out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => log(c.toString().trimEnd()));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`export child exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

/**
 * Exports from ≥ 1M simulated events on the embedded database (PGlite). Setup — simulating the
 * traffic and storing it — is not measured. The export runs in a fresh child process on the
 * prepared data directory (opened with `shared_buffers = 16MB`, as `tacit export` does): it
 * streams the sessions, labels each, builds rows, writes the JSONL and the card.
 * `peak_rss_mb` is that child's peak resident memory (`process.resourceUsage().maxRSS`): Node, the
 * tsx TypeScript loader and the loaded modules (~150 MB together), PGlite's WASM heap with its
 * 16 MB buffer pool (~120 MB), and the export itself, run with `CHILD_FLAGS`. `rows_per_s` counts
 * rows written per second of the export (opening the database excluded).
 */
export const task: Task = {
  describe:
    'streaming export from ≥ 1M events on PGlite: rows/s and peak RSS [--events N] [--kind eval|dpo|kto|…] [--seed N] [--fresh]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        events: { type: 'string' },
        kind: { type: 'string' },
        seed: { type: 'string' },
        fresh: { type: 'boolean' },
      },
    });
    const events = Number(values.events ?? 1_000_000);
    const seed = Number(values.seed ?? 1);
    const kind = values.kind ?? 'eval';
    const dataDir = join(tmpdir(), `tacit-bench-export-${events}-${seed}`);
    if (values.fresh === true) rmSync(dataDir, { recursive: true, force: true });
    const t0 = performance.now();
    await prepare(dataDir, events, seed, (m) => io.log(m));
    const prepareS = (performance.now() - t0) / 1000;
    const outDir = mkdtempSync(join(tmpdir(), 'tacit-bench-export-out-'));
    try {
      io.log(`exporting ${kind} from ${events} events in a child process`);
      const r = await child(dataDir, kind, join(outDir, `${kind}.jsonl`), (m) => io.log(m));
      const rows = r.rows as number;
      const seconds = r.export_s as number;
      return {
        rows,
        rows_per_s: Math.round(rows / seconds),
        peak_rss_mb: r.peak_rss_mb,
        kind,
        events,
        sessions: r.sessions,
        export_s: Math.round(seconds * 10) / 10,
        open_s: Math.round((r.open_s as number) * 10) / 10,
        sessions_per_s: Math.round((r.sessions as number) / seconds),
        prepare_s: Math.round(prepareS),
        child_flags: CHILD_FLAGS.join(' '),
      };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};
