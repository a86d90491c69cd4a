import type { MetricRate } from '@tacit/core/monitor';
import { call, withApi } from '../api.ts';
import { printOpenAlerts } from './alerts.ts';
import type { Output } from '../output.ts';
import { table } from '../table.ts';
import type { ResolvedTarget } from '../target.ts';

export interface MonitorOptions {
  project: string;
  /** Metrics to show; default the retry rate and the rejected grade. */
  metric?: string[];
  window: 'hour' | 'day';
  since?: string;
  until?: string;
  by: 'modelVersion' | 'promptVersion';
  candidate?: string;
  baseline?: string;
  json?: boolean;
}

/** A rate of `GET /v1/monitor/rates`: one metric of one group. */
interface Rate extends MetricRate {
  metric: string;
  group: string;
}

interface Arm extends Rate {
  version: string;
}

interface Comparison {
  metric: string;
  status: 'firing' | 'ok' | 'insufficient';
  reason?: string;
  baseline: Arm | null;
  candidate: Arm | null;
  test: { difference: number; differenceLower: number; differenceUpper: number; p: number; q: number } | null;
  required: { sessions: number } | null;
}

interface OpenAlert {
  ruleId: string;
  openedAt: string;
  summary: string;
}

export const DEFAULT_METRICS = ['rate:retried', 'grade:rejected'];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const sci = (x: number) => (x >= 0.001 ? x.toPrecision(2) : x.toExponential(1));
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/**
 * `tacit monitor`: rates per model (or prompt) version with 95% intervals over the span, the
 * comparison of the newest version with the one before it (one-sided test in the direction of
 * harm, Benjamini–Hochberg q-values across the metrics shown), and the open alerts.
 */
export async function monitorCommand(t: ResolvedTarget, o: MonitorOptions, out: Output): Promise<number> {
  const metrics = o.metric && o.metric.length > 0 ? o.metric : DEFAULT_METRICS;
  const common = new URLSearchParams({ window: o.window });
  if (o.since) common.set('since', o.since);
  if (o.until) common.set('until', o.until);
  const withMetrics = (extra: Record<string, string>) => {
    const q = new URLSearchParams(common);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    for (const m of metrics) q.append('metric', m);
    return q.toString();
  };
  return withApi(t, async (api) => {
    const opts = { project: o.project };
    const rates = await call<{ since: string; until: string; rates: Rate[] }>(
      api,
      'GET',
      `/v1/monitor/rates?${withMetrics({ groupBy: o.by })}`,
      opts,
    );
    // Copy and completion rates fall when outputs get worse; the rest rise.
    const falls = (m: string) =>
      /^(rate:(copied|shared|exported|proceeded|builds_on_followup|completed)|outcome:completed|grade:accepted)$/.test(
        m,
      );
    const comparisons: Comparison[] = [];
    for (const direction of ['increase', 'decrease'] as const) {
      const these = metrics.filter((m) => (direction === 'decrease') === falls(m));
      if (these.length === 0) continue;
      const q = new URLSearchParams(common);
      q.set('by', o.by);
      q.set('direction', direction);
      if (o.candidate) q.set('candidate', o.candidate);
      if (o.baseline) q.set('baseline', o.baseline);
      for (const m of these) q.append('metric', m);
      const r = await call<{ comparisons: Comparison[] }>(
        api,
        'GET',
        `/v1/monitor/compare?${q.toString()}`,
        opts,
      );
      comparisons.push(...r.comparisons);
    }
    const alerts = await call<{ open: OpenAlert[] }>(api, 'GET', '/v1/alerts?limit=1', opts);
    if (o.json) {
      out.stdout(
        JSON.stringify({
          since: rates.since,
          until: rates.until,
          rates: rates.rates,
          comparisons,
          open: alerts.open,
        }),
      );
      return 0;
    }
    out.stdout(`${o.project}: ${rates.since} → ${rates.until} (${o.window} windows)\n`);
    if (rates.rates.length === 0) out.stdout('no labeled sessions in this span');
    else
      out.stdout(
        table([
          [
            'metric',
            o.by === 'modelVersion' ? 'model version' : 'prompt version',
            'sessions',
            'rate',
            '95% interval',
            'n',
          ],
          ...rates.rates.map((r) => [
            r.metric,
            r.group,
            String(r.sessions),
            r.rate === null ? '-' : pct(r.rate),
            r.rate === null ? '' : `${pct(r.lower)} – ${pct(r.upper)}`,
            `${r.successes}/${r.trials}`,
          ]),
        ]),
      );
    const tested = comparisons.filter((c) => c.baseline !== null && c.candidate !== null);
    out.stdout('');
    if (tested.length === 0) {
      out.stdout(`comparison: ${comparisons[0]?.reason ?? 'fewer than two versions seen'}`);
    } else {
      const { candidate, baseline } = tested[0]!;
      out.stdout(`${candidate!.version} vs ${baseline!.version}:`);
      out.stdout(
        table([
          [
            'metric',
            'candidate',
            'baseline',
            'difference (points)',
            'p',
            'q (BH)',
            'status',
            'needs per arm',
          ],
          ...tested.map((c) => [
            c.metric,
            c.candidate!.rate === null ? '-' : pct(c.candidate!.rate),
            c.baseline!.rate === null ? '-' : pct(c.baseline!.rate),
            c.test
              ? `${signed(c.test.difference)} [${signed(c.test.differenceLower)}, ${signed(c.test.differenceUpper)}]`
              : '-',
            c.test ? sci(c.test.p) : '-',
            c.test ? sci(c.test.q) : '-',
            c.status === 'firing' ? 'SIGNIFICANT' : c.status === 'ok' ? 'ok' : (c.reason ?? c.status),
            c.required ? `${c.required.sessions} sessions` : '-',
          ]),
        ]),
      );
    }
    out.stdout('');
    printOpenAlerts(out, alerts.open);
    return 0;
  });
}
