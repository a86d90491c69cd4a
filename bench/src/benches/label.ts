import { parseArgs } from 'node:util';
import { labelSession } from '@tacit/core/labels';
import { simulate, type SimRecord } from '@tacit/simulator';
import { contextChooser, sessionStream, type StreamStats } from '../lib/sim-stream.ts';
import type { Task } from '../runner.ts';

/** Wraps the simulator so that the time spent generating records can be taken out of the figure. */
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
 * closed after its inactivity window plus a settle time, in delivery time), and labels each closed
 * session with `labelSession` under the built-in context of its content type. One thread.
 *
 * `eps` counts the labeling — grouping into sessions, sessionize, detect, label — per second of
 * CPU time: the process's CPU time for the whole run minus that of the simulator alone (a first
 * pass over the same records). CPU time, because the machines these figures come from are shared:
 * wall time there measures the neighbours. It includes V8's garbage-collector helper threads, so
 * it is the conservative figure. `eps_wall` is the same from wall time (the simulator timed around
 * each record it yields, reported as `sim_eps`).
 */
export const task: Task = {
  describe:
    'labeling speed on simulated traffic (sessionize+detect+label): {events, eps, peak_rss_mb} [--events N --seed --product]',
  run(args, io) {
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
    // The simulator alone first: its CPU time is taken out of the labeling's below.
    const simCpu0 = process.cpuUsage();
    let simEvents = 0;
    for (const r of simulate({ seed, events: target, product })) if (r.kind === 'event') simEvents++;
    const simCpu = process.cpuUsage(simCpu0);
    io.log(`simulator alone: ${simEvents} events, ${((simCpu.user + simCpu.system) / 1e6).toFixed(1)} s CPU`);
    const sim = { ms: 0 };
    const stats: StreamStats = { events: 0, sessions: 0, peakOpenSessions: 0, lateAfterClose: 0 };
    const stream = sessionStream(
      timed(simulate({ seed, events: target, product }), sim),
      { context: contextChooser(values.context) },
      stats,
    );
    let labels = 0;
    let signals = 0;
    let labelMs = 0;
    let peak = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (const s of stream) {
      const t = performance.now();
      const r = labelSession(s.events, s.context, { now: s.now });
      labelMs += performance.now() - t;
      labels += r.labels.length;
      signals += r.signals.length;
      if (stats.sessions % 10_000 === 0) {
        peak = Math.max(peak, process.memoryUsage().rss);
        const ms = performance.now() - start - sim.ms;
        io.log(
          `${stats.events} events, ${stats.sessions} sessions, ${Math.round(stats.events / (ms / 1000))} events/s`,
        );
      }
    }
    const totalMs = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpu0);
    const labelingMs = totalMs - sim.ms;
    const eps = (ms: number) => Math.round(stats.events / (ms / 1000));
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    return Promise.resolve({
      events: stats.events,
      eps: eps(cpuMs(cpu) - cpuMs(simCpu)),
      peak_rss_mb: Math.round(peak / 2 ** 20),
      eps_wall: eps(labelingMs),
      sessions: stats.sessions,
      labels,
      signals,
      peak_open_sessions: stats.peakOpenSessions,
      late_after_close: stats.lateAfterClose,
      eps_label_session_only: eps(labelMs),
      sim_eps: eps(sim.ms),
      eps_end_to_end: eps(totalMs),
      eps_cpu_end_to_end: eps((cpu.user + cpu.system) / 1000),
      seconds: Number((totalMs / 1000).toFixed(1)),
    });
  },
};
