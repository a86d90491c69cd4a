import { parseArgs } from 'node:util';
import { AA_MODELS, measureRates, simulate, type Rates } from '@tacit/simulator';
import type { Task } from '../runner.ts';

const PRODUCTS = ['chat', 'code', 'writing', 'support', 'mixed'] as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Retry-rate rise (points) of a version degraded by `drop`, against its A/A twin, after the change. */
function retryRise(seed: number, sessions: number, drop: number): number {
  const from = '2026-05-16T00:00:00.000Z';
  const t = Date.parse(from);
  const models = AA_MODELS.map((m) => (m.version === 'large-b' ? { ...m, degrade: { from, drop } } : m));
  const n = { 'large-a': [0, 0], 'large-b': [0, 0] } as Record<string, [number, number]>;
  for (const r of simulate({ seed, sessions, models })) {
    if (r.kind !== 'session' || Date.parse(r.start) < t) continue;
    const c = n[r.modelVersion] as [number, number];
    c[0]++;
    if (r.retries > 0) c[1]++;
  }
  const rate = (v: string) => (n[v] as [number, number])[1] / (n[v] as [number, number])[0];
  return Math.round((rate('large-b') - rate('large-a')) * 1000) / 10;
}

/**
 * The simulator's behaviour rates per product type (the README table), and how much a
 * regression's quality drop raises the retry rate (for drift evaluations).
 */
export const task: Task = {
  describe: 'simulator behaviour rates per product type: --sessions N (default 20000) [--seed N]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { sessions: { type: 'string' }, seed: { type: 'string' } },
    });
    const sessions = Number(values.sessions ?? 20_000);
    const seed = Number(values.seed ?? 1);
    const out: Record<string, Rates | Record<string, number>> = {};
    io.log(
      '| product | sessions | events/session | good generations | sessions with retries | with edits | with copies | with thumbs | thumbs / generation | completed | abandoned |',
    );
    io.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const product of PRODUCTS) {
      const r = measureRates(simulate({ seed, sessions, product })).all;
      out[product] = r;
      io.log(
        `| ${product} | ${r.sessions} | ${r.eventsPerSession.toFixed(1)} | ${pct(r.goodGenerations)} | ${pct(r.retrySessions)} | ${pct(r.editSessions)} | ${pct(r.copySessions)} | ${pct(r.thumbSessions)} | ${pct(r.thumbsPerGeneration)} | ${pct(r.completedSessions)} | ${pct(r.abandonedSessions)} |`,
      );
    }
    const rise: Record<string, number> = {};
    for (const drop of [0.05, 0.1, 0.2]) rise[`drop_${drop}`] = retryRise(seed, sessions * 2, drop);
    io.log(`retry-rate rise (points) by quality drop: ${JSON.stringify(rise)}`);
    out.retry_rise_points = rise;
    return Promise.resolve(out);
  },
};
