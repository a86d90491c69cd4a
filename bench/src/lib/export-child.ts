/**
 * The measured part of `npm run bench -- export`, in a process of its own so that its peak RSS
 * is the export's alone (not the data generation's, nor PGlite's first-time initdb): opens the
 * prepared data directory with a small buffer pool, as `tacit export` does, and exports.
 * argv: DATA_DIR KIND OUT. Prints one JSON line.
 */
import { exportToFiles } from '@tacit/server';
import { openStore } from '@tacit/store';

const [dataDir, kind, out] = process.argv.slice(2);
if (!dataDir || !kind || !out) throw new Error('usage: export-child DATA_DIR KIND OUT');
const t0 = performance.now();
const store = await openStore({ dataDir, pgSettings: { shared_buffers: '16MB' } });
const opened = performance.now();
let last = 0;
const { card } = await exportToFiles(store, 'bench', { kind: kind as 'eval', seed: 1 }, out, {
  onProgress: (p) => {
    if (p.sessions - last >= Number(process.env.TACIT_PROGRESS_EVERY ?? 20_000) || p.sessions === p.total) {
      last = p.sessions;
      const m = process.memoryUsage();
      const mb = (x: number) => Math.round(x / 2 ** 20);
      process.stderr.write(
        `  ${p.sessions}/${p.total} sessions, ${p.rows} rows; rss ${mb(m.rss)} MB (JS heap ${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)})\n`,
      );
    }
  },
});
const done = performance.now();
await store.close();
process.stdout.write(
  `${JSON.stringify({
    rows: card.rows,
    sessions: card.sessions,
    export_s: (done - opened) / 1000,
    open_s: (opened - t0) / 1000,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    card: { counts: card.counts, splits: card.splits },
  })}\n`,
);
