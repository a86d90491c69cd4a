import type { ModelInput, SimulatorOptions } from '@tacit/simulator';

const DAY_MS = 86_400_000;

/** Days of simulated traffic the demo loads, ending at the time of the first run. */
export const DEMO_DAYS = 30;

/** The regression the demo hides in its month, for the monitoring to find. */
export const DEMO_REGRESSION = {
  model: 'acme-assistant',
  version: 'v3',
  /** Day of the month (from 0) from which v3's answers get worse. */
  day: 20,
  /** Share of its base quality it loses: enough to raise its retry rate by about 19 points. */
  drop: 0.2,
} as const;

/**
 * The demo project's alert rules: a CUSUM per model version on the retry rate and the rejected
 * grade, each against its own previous week. They catch a version that gets worse in place — what
 * the demo's v3 does, and what a provider's silent update behind an unchanged version name does;
 * the default rules compare the newest version with the one before it, which catches a worse
 * release.
 */
export const DEMO_ALERT_RULES = `rules:
  - id: retry-regression-in-place
    type: cusum
    metric: rate:retried
    direction: increase
    split: modelVersion
    window: day
    lookback: 14
    baseline: { windows: 7 }
  - id: rejected-regression-in-place
    type: cusum
    metric: grade:rejected
    direction: increase
    split: modelVersion
    window: day
    lookback: 14
    baseline: { windows: 7 }
`;

/**
 * Three versions of one assistant: v1, the old one still serving a fifth of sessions; v2, the
 * workhorse; v3, the newest and best, until day 20, when it silently regresses.
 */
function demoModels(regressionFrom: string): ModelInput[] {
  const { model, version, drop } = DEMO_REGRESSION;
  return [
    {
      model,
      version: 'v1',
      weight: 0.2,
      quality: { chat: 0.6, code: 0.52, writing: 0.64, support: 0.58 },
      latencyMs: 700,
    },
    {
      model,
      version: 'v2',
      weight: 0.45,
      quality: { chat: 0.72, code: 0.68, writing: 0.74, support: 0.7 },
      latencyMs: 2200,
    },
    {
      model,
      version,
      weight: 0.35,
      quality: { chat: 0.74, code: 0.71, writing: 0.75, support: 0.72 },
      latencyMs: 2000,
      degrade: { from: regressionFrom, drop },
    },
  ];
}

export interface DemoMonth {
  /** What the simulator is given. */
  simulation: SimulatorOptions;
  start: string;
  end: string;
  /** When v3 starts to regress. */
  regressionFrom: string;
  versions: readonly string[];
}

/** The start of a month that ends at `now`, to the minute. */
export function monthStart(now: Date): string {
  const ms = now.getTime() - DEMO_DAYS * DAY_MS;
  return new Date(ms - (ms % 60_000)).toISOString();
}

/**
 * The demo's month of traffic: a mixed product (chat, code, writing, support users), `sessions`
 * sessions over 30 days from `start`, three model versions, one of which regresses on day 20.
 * The same seed, sessions and start give the same events, ids included.
 */
export function demoMonth(o: { seed: number; sessions: number; start: string }): DemoMonth {
  const startMs = Date.parse(o.start);
  const regressionFrom = new Date(startMs + DEMO_REGRESSION.day * DAY_MS).toISOString();
  const models = demoModels(regressionFrom);
  return {
    simulation: {
      seed: o.seed,
      sessions: o.sessions,
      start: o.start,
      days: DEMO_DAYS,
      product: 'mixed',
      models,
    },
    start: o.start,
    end: new Date(startMs + DEMO_DAYS * DAY_MS).toISOString(),
    regressionFrom,
    versions: models.map((m) => m.version),
  };
}
