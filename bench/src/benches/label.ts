import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { labelSession } from '@tacit/core/labels';
import { simulate, type SimRecord } from '@tacit/simulator';
import { contextChooser, sessionStream, type ClosedSession, type StreamStats } from '../lib/sim-stream.ts';
import type { Task } from '../runner.ts';

/** Wraps the simulator so that the time spent making records can be taken out of the figure. */
function* timed(records: Iterator<SimRecord>, clock: { ms: number }): Generator<SimRecord> {
  for (;;) {
    const t = performance.now();
    const r = records.next();
    clock.ms += performance.now() - t;
    if (r.done === true) return;
    yield r.value;
  }
}

/**
 * Labeling speed on simulated traffic: streams `simulate({ events })` (a mixed product month by
 * default), groups events into sessions as a streaming worker would (a buffer per open session,
 * closed after a `session_end` or its inactivity window, in delivery time; buffered events kept as
 * JSON text, as in a store), and labels each closed session with `labelSession` under the built-in
 * context of its content type. One thread.
 *
 * `eps` is events per CPU-second spent in `labelSession` — sessionize, detect, label — measured
 * around batches of 256 closed sessions with the process's CPU time, which on a shared machine, unlike wall time, does
 * not count the neighbours (it does count V8's garbage-collector helper threads: conservative).
 * Also reported: the same in wall time (`eps_wall`), the whole stream without the simulator and
 * the store's JSON (`eps_stream_wall`: grouping included), the simulator's speed (`sim_eps`).
 */
export const task: Task = {
  describe:
    'labeling speed on simulated traffic (sessionize+detect+label): {events, eps, peak_rss_mb} [--events N --seed --product]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        events: { type: 'string' },
        seed: { type: 'string' },
        product: { type: 'string' },
        context: { type: 'string' },
      },
    });
    const target = Number(values.events ?? 1_000_000);
    const seed = Number(values.seed ?? 1);
    const product = (values.product ?? 'mixed') as 'chat' | 'code' | 'writing' | 'support' | 'mixed';
    const sim = { ms: 0 };
    const store = { ms: 0 };
    const stats: StreamStats = { events: 0, sessions: 0, peakOpenSessions: 0, lateAfterClose: 0 };
    const stream = sessionStream(
      timed(simulate({ seed, events: target, product }), sim),
      { context: contextChooser(values.context), store },
      stats,
    );
    let gcMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcMs += e.duration;
    });
    gc.observe({ entryTypes: ['gc'] });
    let labels = 0;
    let signals = 0;
    let labelMs = 0;
    let labelCpuUs = 0;
    let peak = process.memoryUsage().rss;
    const start = performance.now();
    // Closed sessions are labelled in small batches, each timed once: reading the CPU clock costs
    // too much to do around every session. Memory: at most BATCH sessions more.
    const BATCH = 256;
    let batch: ClosedSession[] = [];
    const labelBatch = () => {
      const c = process.cpuUsage();
      const t = performance.now();
      for (const s of batch) {
        const r = labelSession(s.events, s.context, { now: s.now });
        labels += r.labels.length;
        signals += r.signals.length;
      }
      labelMs += performance.now() - t;
      const used = process.cpuUsage(c);
      labelCpuUs += used.user + used.system;
      batch = [];
    };
    for (const s of stream) {
      batch.push(s);
      if (batch.length < BATCH) continue;
      labelBatch();
      if (stats.sessions % (BATCH * 40) === 0) {
        peak = Math.max(peak, process.memoryUsage().rss);
        io.log(
          `${stats.events} events, ${stats.sessions} sessions, ${Math.round(stats.events / (labelCpuUs / 1e6))} events per CPU-second`,
        );
      }
    }
    labelBatch();
    const totalMs = performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100)); // GC entries are delivered asynchronously
    gc.disconnect();
    peak = Math.max(peak, process.memoryUsage().rss);
    const eps = (ms: number) => Math.round(stats.events / (ms / 1000));
    return {
      events: stats.events,
      eps: eps(labelCpuUs / 1000),
      peak_rss_mb: Math.round(peak / 2 ** 20),
      eps_wall: eps(labelMs),
      eps_stream_wall: eps(totalMs - sim.ms - store.ms),
      sim_eps: eps(sim.ms),
      sessions: stats.sessions,
      labels,
      signals,
      peak_open_sessions: stats.peakOpenSessions,
      late_after_close: stats.lateAfterClose,
      gc_ms: Math.round(gcMs),
      store_json_ms: Math.round(store.ms),
      seconds: Number((totalMs / 1000).toFixed(1)),
    };
  },
};
