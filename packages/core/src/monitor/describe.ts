import type { AlertEvaluation } from './evaluate.ts';
import type { MetricRate } from './metric.ts';

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function rateText(r: MetricRate): string {
  return r.rate === null ? 'n/a' : `${pct(r.rate)} [${pct(r.lower)}, ${pct(r.upper)}]`;
}

function sci(x: number): string {
  return x >= 0.001 ? x.toPrecision(2) : x.toExponential(1);
}

/**
 * One line a person can act on, for a notification or a terminal:
 * `rate:rephrase_retry rose on modelVersion v2 vs v1: 20.3% [19.1%, 21.5%] vs 15.1% [14.2%, 16.1%], +5.2 points [3.7, 6.7], q=4.1e-9, 2104 vs 2087 sessions`.
 */
export function describeEvaluation(e: AlertEvaluation): string {
  const moved = e.direction === 'increase' ? 'rose' : 'fell';
  const where = e.segment ? ` (${e.segment.dimension}=${e.segment.value})` : '';
  if (e.type === 'compare') {
    if (e.baseline === null || e.candidate === null)
      return `${e.metric}${where}: ${e.reason ?? 'not evaluated'}`;
    const head = `${e.metric}${where} ${e.status === 'firing' ? moved : 'compared'} on ${e.by} ${e.candidate.version} vs ${e.baseline.version}`;
    const rates = `${rateText(e.candidate)} vs ${rateText(e.baseline)}`;
    const sessions = `${e.candidate.sessions} vs ${e.baseline.sessions} sessions`;
    if (e.test === null) return `${head}: ${rates}, ${sessions}; ${e.reason ?? ''}`.trim();
    const d = e.test;
    const points = (x: number) => (100 * x).toFixed(1);
    const sign = d.difference >= 0 ? '+' : '';
    return `${head}: ${rates}, ${sign}${points(d.difference)} points [${points(d.differenceLower)}, ${points(d.differenceUpper)}], q=${sci(d.q)}, ${sessions}`;
  }
  if (e.chart === null) return `${e.metric}${where}: ${e.reason ?? 'not evaluated'}`;
  const c = e.chart;
  const since = c.alarmAt === null ? '' : `, change from ${new Date(c.changeAt ?? c.alarmAt).toISOString()}`;
  return `${e.metric}${where} ${e.status === 'firing' ? moved : 'steady'} against baseline ${pct(c.p0)}: now ${rateText(e.current)}, CUSUM ${c.statistic.toFixed(2)} of threshold ${c.h.toFixed(2)}${since}`;
}
