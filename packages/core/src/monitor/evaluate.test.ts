import { describe, expect, it } from 'vitest';
import { sessionContribution } from './contribution.ts';
import { evaluateRules, type CompareEvaluation, type CusumEvaluation } from './evaluate.ts';
import { prng, traffic, type TrafficOptions } from './fixtures.ts';
import { mergeRollups, type RollupRow } from './rollup.ts';
import { parseAlertConfig, type AlertRule } from './rules.ts';
import type { SessionResult } from './session-result.ts';

const day0 = Date.UTC(2026, 10, 2);
const HOUR = 3_600_000;

function rules(yaml: string): AlertRule[] {
  const r = parseAlertConfig(yaml);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.rules;
}

function rollups(sessions: SessionResult[]): RollupRow[] {
  return mergeRollups(sessions.flatMap((s) => sessionContribution(s)));
}

/** v1 alone on day 0, then v1 and v2 side by side from day 1. */
function canary(seed: number, v1: Partial<TrafficOptions>, v2: Partial<TrafficOptions>, sessions = 1500) {
  const rnd = prng(seed);
  const base = { sessions, spacingMs: 40_000, retryRate: 0.15 };
  return [
    ...traffic(rnd, { ...base, start: day0, modelVersion: 'v1', idPrefix: 'v1a', sessions: 300 }),
    ...traffic(rnd, { ...base, start: day0 + 86_400_000, modelVersion: 'v1', ...v1 }),
    ...traffic(rnd, { ...base, start: day0 + 86_400_000 + 20_000, modelVersion: 'v2', ...v2 }),
  ];
}

const retryRule = `
rules:
  - id: retry
    metric: rate:rephrase_retry
    compare: { by: modelVersion }
    direction: increase
    minSessions: 1000
`;
const now = day0 + 3 * 86_400_000;

describe('evaluateRules: compare', () => {
  it('fires when the new version retries more, with the statistics to show for it', () => {
    const [e] = evaluateRules(rules(retryRule), rollups(canary(1, {}, { retryRate: 0.25 })), {
      now,
    }) as CompareEvaluation[];
    expect(e).toMatchObject({ status: 'firing', dedupeKey: 'proj|retry|modelVersion=v2>v1', segment: null });
    expect(e!.candidate).toMatchObject({ version: 'v2', sessions: 1500, trials: 4500 });
    expect(e!.baseline).toMatchObject({ version: 'v1', sessions: 1800 });
    expect(e!.candidate!.rate).toBeGreaterThan(0.23);
    expect(e!.candidate!.lower).toBeLessThan(e!.candidate!.rate!);
    expect(e!.test!.difference).toBeGreaterThan(0.07);
    expect(e!.test!.differenceLower).toBeGreaterThan(0.05);
    expect(e!.test!.q).toBeLessThan(1e-6);
    expect(e!.test!.cohensH).toBeGreaterThan(0.2);
  });

  it('does not fire on an A/A split, nor in the other direction', () => {
    const sessions = rollups(canary(2, {}, {}));
    expect(evaluateRules(rules(retryRule), sessions, { now })[0]!.status).toBe('ok');
    const better = rollups(canary(3, {}, { retryRate: 0.05 }));
    expect(evaluateRules(rules(retryRule), better, { now })[0]!.status).toBe('ok');
  });

  it('never fires before both arms have minSessions sessions', () => {
    const small = rollups(canary(4, {}, { retryRate: 0.4 }, 600));
    const [e] = evaluateRules(rules(retryRule), small, { now }) as CompareEvaluation[];
    expect(e).toMatchObject({ status: 'insufficient', test: null });
    expect(e!.reason).toBe('needs ≥ 1000 sessions per arm (baseline 900, candidate 600)');
  });

  it('needs the rise to reach minDelta, however significant', () => {
    const rows = rollups(canary(5, {}, { retryRate: 0.19 }, 6000));
    const strict = rules(retryRule.replace('minSessions: 1000', 'minSessions: 1000\n    minDelta: 0.08'));
    const [e] = evaluateRules(strict, rows, { now }) as CompareEvaluation[];
    expect(e!.test!.q).toBeLessThan(0.01);
    expect(e!.status).toBe('ok');
  });

  it('compares the latest version with the one seen just before it, or the versions named', () => {
    const rnd = prng(6);
    const o = { sessions: 1200, spacingMs: 30_000, retryRate: 0.15 };
    const sessions = [
      ...traffic(rnd, { ...o, start: day0, modelVersion: 'v1' }),
      ...traffic(rnd, { ...o, start: day0 + 86_400_000, modelVersion: 'v2' }),
      ...traffic(rnd, { ...o, start: day0 + 2 * 86_400_000, modelVersion: 'v3', retryRate: 0.3 }),
    ];
    const rows = rollups(sessions);
    const [latest] = evaluateRules(rules(retryRule), rows, { now }) as CompareEvaluation[];
    expect([latest!.candidate!.version, latest!.baseline!.version, latest!.status]).toEqual([
      'v3',
      'v2',
      'firing',
    ]);
    const named = rules(
      retryRule.replace('{ by: modelVersion }', '{ by: modelVersion, candidate: v2, baseline: v1 }'),
    );
    const [e] = evaluateRules(named, rows, { now }) as CompareEvaluation[];
    expect([e!.candidate!.version, e!.baseline!.version, e!.status]).toEqual(['v2', 'v1', 'ok']);
    // Versions first seen as the store recorded them win over what the rollups show.
    const versions = ['v3', 'v1', 'v2'].map((version, i) => ({
      projectId: 'proj',
      dimension: 'modelVersion' as const,
      version,
      firstSeen: i,
    }));
    const [stored] = evaluateRules(rules(retryRule), rows, { now, versions }) as CompareEvaluation[];
    expect([stored!.candidate!.version, stored!.baseline!.version]).toEqual(['v2', 'v1']);
  });

  it('only reads the windows in its lookback', () => {
    const rows = rollups(canary(7, {}, { retryRate: 0.3 }));
    const lookback = rules(retryRule.replace('direction: increase', 'direction: increase\n    lookback: 1'));
    // Two days after the canary ended, the last day holds no sessions at all.
    const [e] = evaluateRules(lookback, rows, { now: now + 86_400_000 }) as CompareEvaluation[];
    expect(e!.status).toBe('insufficient');
    expect(e!.span.from).toBe(day0 + 4 * 86_400_000);
  });

  it('finds abandonment that rises only in one cohort', () => {
    const rnd = prng(8);
    const o = { sessions: 1500, spacingMs: 40_000, retryRate: 0.15, abandonRate: 0.2 };
    const t1 = day0 + 86_400_000;
    const sessions = [
      ...traffic(rnd, {
        ...o,
        start: day0,
        modelVersion: 'v1',
        idPrefix: 'v1-free',
        cohort: { plan: 'free' },
      }),
      ...traffic(rnd, { ...o, start: day0, modelVersion: 'v1', idPrefix: 'v1-pro', cohort: { plan: 'pro' } }),
      ...traffic(rnd, {
        ...o,
        start: t1,
        modelVersion: 'v2',
        idPrefix: 'v2-free',
        cohort: { plan: 'free' },
        abandonRate: 0.3,
      }),
      ...traffic(rnd, {
        ...o,
        start: t1,
        modelVersion: 'v2',
        idPrefix: 'v2-pro',
        cohort: { plan: 'pro' },
        abandonRate: 0.17,
      }),
    ];
    const rows = rollups(sessions);
    const evals = evaluateRules(
      rules(`
rules:
  - { id: ab-free, metric: outcome:abandoned, compare: { by: modelVersion }, direction: increase, cohort: { plan: free } }
  - { id: ab-pro, metric: outcome:abandoned, compare: { by: modelVersion }, direction: increase, cohort: { plan: pro } }
  - { id: ab-by-plan, metric: outcome:abandoned, compare: { by: modelVersion }, direction: increase, split: "cohort:plan" }
`),
      rows,
      { now },
    ) as CompareEvaluation[];
    expect(evals.map((e) => [e.dedupeKey, e.status])).toEqual([
      ['proj|ab-free|modelVersion=v2>v1', 'firing'],
      ['proj|ab-pro|modelVersion=v2>v1', 'ok'],
      ['proj|ab-by-plan|modelVersion=v2>v1|cohort:plan=free', 'firing'],
      ['proj|ab-by-plan|modelVersion=v2>v1|cohort:plan=pro', 'ok'],
    ]);
    expect(evals[0]!.candidate!.sessions).toBe(1500);
  });

  it('corrects every comparison of a call together (q ≥ p, shared across rules)', () => {
    const rows = rollups(canary(9, {}, { retryRate: 0.2 }));
    const many = rules(`
rules:
  - { id: retry, metric: rate:rephrase_retry, compare: { by: modelVersion }, direction: increase }
  - { id: copy, metric: rate:copied, compare: { by: modelVersion }, direction: decrease }
  - { id: rejected, metric: grade:rejected, compare: { by: modelVersion }, direction: increase }
  - { id: abandoned, metric: outcome:abandoned, compare: { by: modelVersion }, direction: increase }
`);
    const evals = evaluateRules(many, rows, { now }) as CompareEvaluation[];
    const alone = evaluateRules(many.slice(0, 1), rows, { now })[0] as CompareEvaluation;
    for (const e of evals) expect(e.test!.q).toBeGreaterThanOrEqual(e.test!.p);
    expect(evals[0]!.test!.p).toBe(alone.test!.p);
    expect(evals[0]!.test!.q).toBeGreaterThan(alone.test!.q);
  });

  it('keeps projects apart', () => {
    const rnd = prng(10);
    const o = { sessions: 1200, spacingMs: 30_000, retryRate: 0.15 };
    const rows = rollups([
      ...traffic(rnd, { ...o, start: day0, modelVersion: 'v1', projectId: 'a' }),
      ...traffic(rnd, { ...o, start: day0 + 86_400_000, modelVersion: 'v2', projectId: 'a', retryRate: 0.3 }),
      ...traffic(rnd, { ...o, start: day0, modelVersion: 'v1', projectId: 'b' }),
      ...traffic(rnd, { ...o, start: day0 + 86_400_000, modelVersion: 'v2', projectId: 'b' }),
    ]);
    expect(evaluateRules(rules(retryRule), rows, { now }).map((e) => [e.projectId, e.status])).toEqual([
      ['a', 'firing'],
      ['b', 'ok'],
    ]);
  });
});

describe('evaluateRules: cusum', () => {
  const cusum = `
rules:
  - id: drift
    type: cusum
    metric: rate:rephrase_retry
    direction: increase
    window: hour
    lookback: 48
    baseline: { windows: 72 }
    minSessions: 500
`;
  /** 90 sessions an hour for five days; the retry rate rises to 0.2 from hour `change` on. */
  function hourly(seed: number, change: number | null): RollupRow[] {
    const rnd = prng(seed);
    const sessions: SessionResult[] = [];
    for (let h = 0; h < 120; h++) {
      const retryRate = change !== null && h >= change ? 0.2 : 0.15;
      sessions.push(
        ...traffic(rnd, {
          sessions: 90,
          start: day0 + h * HOUR,
          spacingMs: 30_000,
          modelVersion: 'v1',
          retryRate,
          idPrefix: `h${h}`,
        }),
      );
    }
    return rollups(sessions);
  }
  const end = day0 + 119 * HOUR + 1;

  it('stays quiet while the rate holds', () => {
    const [e] = evaluateRules(rules(cusum), hourly(11, null), { now: end }) as CusumEvaluation[];
    expect(e!.status).toBe('ok');
    expect(e!.chart!.p0).toBeCloseTo(0.15, 1);
    expect(e!.chart!.p1).toBeCloseTo(e!.chart!.p0 + 0.05, 12);
  });

  it('signals within hours of a rise, dating the change', () => {
    const [e] = evaluateRules(rules(cusum), hourly(12, 100), { now: end }) as CusumEvaluation[];
    expect(e!.status).toBe('firing');
    expect(e!.chart!.alarmAt).toBeGreaterThanOrEqual(day0 + 100 * HOUR);
    expect(e!.chart!.alarmAt).toBeLessThan(day0 + 112 * HOUR);
    expect(Math.abs(e!.chart!.changeAt! - (day0 + 100 * HOUR))).toBeLessThanOrEqual(4 * HOUR);
    expect(e!.chart!.weight).toBeGreaterThan(0.5);
    expect(e!.chart!.weight).toBeLessThanOrEqual(1);
  });

  it('waits for enough baseline sessions', () => {
    const [e] = evaluateRules(
      rules(cusum.replace('minSessions: 500', 'minSessions: 10000')),
      hourly(13, 100),
      {
        now: end,
      },
    ) as CusumEvaluation[];
    expect(e).toMatchObject({ status: 'insufficient', chart: null });
  });
});
