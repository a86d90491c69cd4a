import { intervalGlyph, lineChart, type ChartSeries } from '../chart.ts';
import { empty, section, table, type ViewContext, type ViewResult } from '../components.ts';
import { h } from '../dom.ts';
import { count, dateTime, interval, pct, shortDay } from '../format.ts';
import { link } from '../router.ts';
import type { Alerts, LabelingStatus, Rate, Rates, Series } from '../types.ts';

const METRICS = ['rate:retried', 'grade:rejected'] as const;

function labelingStatus(s: LabelingStatus): HTMLElement {
  const text =
    s.dirty === 0
      ? 'Every session is labeled.'
      : `${count(s.dirty)} session${s.dirty === 1 ? '' : 's'} waiting for the labeling loop.`;
  const worker =
    s.worker === false
      ? ' No labeling loop runs in this server process (tacit start --no-worker): a tacit worker must.'
      : '';
  return h(
    'p',
    { class: `status ${s.dirty === 0 ? 'ok' : 'busy'}`, 'data-testid': 'labeling' },
    text + worker,
  );
}

function openAlerts(a: Alerts): HTMLElement {
  if (a.open.length === 0) return empty('No open alerts.');
  return h(
    'ul',
    { class: 'alerts' },
    a.open.map((x) =>
      h(
        'li',
        { class: 'alert' },
        h('strong', null, x.ruleId),
        h('span', { class: 'muted' }, ` since ${dateTime(x.openedAt)}`),
        h('div', null, x.summary),
      ),
    ),
  );
}

/** Retry and rejected rates per model version, with intervals as text and as a glyph. */
function ratesTable(r: Rates): HTMLElement {
  const byVersion = new Map<string, Partial<Record<(typeof METRICS)[number], Rate>>>();
  for (const x of r.rates) {
    const row = byVersion.get(x.group) ?? {};
    row[x.metric as (typeof METRICS)[number]] = x;
    byVersion.set(x.group, row);
  }
  if (byVersion.size === 0) return empty('No labeled generations in this span yet.');
  const max = Object.fromEntries(
    METRICS.map((m) => [
      m,
      Math.max(0.01, ...r.rates.filter((x) => x.metric === m).map((x) => x.upper ?? 0)),
    ]),
  ) as Record<(typeof METRICS)[number], number>;
  const cell = (m: (typeof METRICS)[number], x: Rate | undefined) =>
    x === undefined
      ? '–'
      : h(
          'span',
          { class: 'rate' },
          h('span', { class: 'num' }, pct(x.rate)),
          h('span', { class: 'ci' }, interval(x.lower, x.upper)),
          intervalGlyph(x.rate, x.lower, x.upper, max[m]),
        );
  return table(
    ['Model version', 'Sessions', 'Generations', 'Retried (95% interval)', 'Rejected (95% interval)'],
    [...byVersion].map(([version, row]) => [
      h('a', { href: link('sessions', { modelVersion: version }) }, version),
      count(row['rate:retried']?.sessions ?? row['grade:rejected']?.sessions ?? 0),
      count(row['rate:retried']?.trials ?? 0),
      cell('rate:retried', row['rate:retried']),
      cell('grade:rejected', row['grade:rejected']),
    ]),
    'rates',
  );
}

function retryChart(s: Series): HTMLElement {
  const series: ChartSeries[] = s.series.map((x) => ({
    name: x.group,
    points: x.points.map((p) => ({
      x: Date.parse(p.windowStart),
      y: p.trials === 0 ? null : p.rate,
      title: `${x.group} · ${shortDay(p.windowStart)}: ${pct(p.rate)} ${interval(p.lower, p.upper)} of ${count(p.trials)} generations`,
    })),
  }));
  if (series.every((x) => x.points.every((p) => p.y === null)))
    return empty('No retries measured in this span yet.');
  return lineChart(series, 'share of generations retried, by day and model version');
}

/** The state of the project at a glance: labeling, alerts, rates per version, retries by day. */
export async function overview(ctx: ViewContext): Promise<ViewResult> {
  const [status, alerts, rates, series] = await Promise.all([
    ctx.api.get<LabelingStatus>('labeling/status'),
    ctx.api.get<Alerts>('alerts', { limit: '1' }),
    ctx.api.get<Rates>('monitor/rates', {
      metric: METRICS.join(','),
      groupBy: 'modelVersion',
      window: 'day',
    }),
    ctx.api.get<Series>('monitor/series', { metric: 'rate:retried', window: 'day', groupBy: 'modelVersion' }),
  ]);
  const span = `${rates.since.slice(0, 10)} → ${rates.until.slice(0, 10)} (UTC days)`;
  return {
    title: 'Overview',
    nodes: [
      h(
        'div',
        { class: 'grid-2' },
        section('Labeling', labelingStatus(status)),
        section(
          `Open alerts (${a11yCount(alerts.open.length)})`,
          openAlerts(alerts),
          h('a', { href: link('alerts') }, 'Alerts and history »'),
        ),
      ),
      section(
        'Rates per model version',
        h(
          'p',
          { class: 'muted' },
          `${span}. Retried: outputs the user rephrased, regenerated or corrected. Rejected: the rejected grade among labeled outputs.`,
        ),
        ratesTable(rates),
      ),
      section('Retried, by day', retryChart(series)),
    ],
  };
}

const a11yCount = (n: number) => (n === 0 ? 'none' : String(n));
