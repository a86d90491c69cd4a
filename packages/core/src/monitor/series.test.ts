import { describe, expect, it } from 'vitest';
import { sessionContribution } from './contribution.ts';
import { describeEvaluation } from './describe.ts';
import { evaluateRules } from './evaluate.ts';
import { prng, traffic } from './fixtures.ts';
import { metricRate, parseMetric } from './metric.ts';
import { mergeRollups, sumCounts } from './rollup.ts';
import { parseAlertConfig } from './rules.ts';
import { rateSeries } from './series.ts';

const day0 = Date.UTC(2026, 10, 2);
const rnd = prng(21);
const sessions = [
  // 150 sessions an hour for two hours on v1, then v2 in hour 2, with plan=free/pro halves.
  ...traffic(rnd, {
    sessions: 300,
    start: day0,
    spacingMs: 24_000,
    modelVersion: 'v1',
    retryRate: 0.1,
    cohort: { plan: 'free' },
  }),
  ...traffic(rnd, {
    sessions: 150,
    start: day0 + 2 * 3_600_000,
    spacingMs: 24_000,
    modelVersion: 'v2',
    retryRate: 0.3,
    cohort: { plan: 'pro' },
  }),
];
const rows = mergeRollups(sessions.flatMap((s) => sessionContribution(s)));

describe('parseMetric', () => {
  it('knows the three families and refuses anything else', () => {
    expect(parseMetric('rate:copied')).toEqual({ family: 'rate', name: 'copied', unit: 'generations' });
    expect(parseMetric('grade:rejected')?.unit).toBe('labeled');
    expect(parseMetric('outcome:abandoned')?.unit).toBe('sessions');
    for (const bad of ['outcome:bored', 'rate:', 'copied', ':x', 'mean:retries'])
      expect(parseMetric(bad)).toBeUndefined();
  });
});

describe('rateSeries', () => {
  it('gives one point per hour with a Wilson interval around the hour’s rate', () => {
    const [series] = rateSeries(rows, { metric: 'rate:rephrase_retry', window: 'hour' })!;
    expect(series!.group).toBeNull();
    expect(series!.points.map((p) => [p.windowStart, p.sessions, p.trials])).toEqual([
      [day0, 150, 450],
      [day0 + 3_600_000, 150, 450],
      [day0 + 7_200_000, 150, 450],
    ]);
    for (const p of series!.points) {
      expect(p.rate).toBeCloseTo(p.successes / p.trials, 12);
      expect(p.lower).toBeLessThan(p.rate!);
      expect(p.upper).toBeGreaterThan(p.rate!);
    }
    expect(series!.points[2]!.rate).toBeGreaterThan(series!.points[0]!.upper);
  });

  it('splits by model version and filters by cohort', () => {
    const byVersion = rateSeries(rows, {
      metric: 'outcome:completed',
      window: 'day',
      groupBy: 'modelVersion',
    })!;
    expect(byVersion.map((s) => [s.group, s.points[0]!.sessions])).toEqual([
      ['v1', 300],
      ['v2', 150],
    ]);
    const pro = rateSeries(rows, {
      metric: 'rate:copied',
      window: 'day',
      filter: { cohort: { plan: 'pro' } },
    })!;
    expect(pro[0]!.points[0]!.sessions).toBe(150);
    const byPlan = rateSeries(rows, { metric: 'rate:copied', window: 'day', groupBy: 'cohort:plan' })!;
    expect(byPlan.map((s) => s.group)).toEqual(['free', 'pro']);
  });

  it('returns undefined for an unknown metric and null rates where nothing was counted', () => {
    expect(rateSeries(rows, { metric: 'retries', window: 'day' })).toBeUndefined();
    const none = metricRate(sumCounts([]), parseMetric('grade:rejected')!);
    expect(none).toMatchObject({ rate: null, lower: 0, upper: 1, trials: 0 });
  });
});

describe('describeEvaluation', () => {
  it('says what rose, where, by how much and how sure', () => {
    const config = parseAlertConfig(
      'rules: [{ id: r, metric: rate:rephrase_retry, compare: { by: modelVersion }, direction: increase, minSessions: 100 }]',
    );
    if (!config.ok) throw new Error('config');
    const [e] = evaluateRules(config.value.rules, rows, { now: day0 + 3 * 3_600_000 });
    expect(describeEvaluation(e!)).toMatch(
      /^rate:rephrase_retry rose on modelVersion v2 vs v1: \d+\.\d% \[\d+\.\d%, \d+\.\d%\] vs \d+\.\d% .*, \+\d+\.\d points \[\d+\.\d, \d+\.\d\], q=.*, 150 vs 300 sessions$/,
    );
  });
});
