import {
  ALERT_DEFAULTS,
  evaluateRules,
  mergeRollups,
  parseAlertConfig,
  sessionContribution,
  type AlertRule,
  type GenerationResult,
  type RollupRow,
  type SessionResult,
} from '@tacit/core/monitor';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Task } from '../runner.ts';
import { errorText } from '@tacit/core';
import { median, p95, round } from '../lib/summary.ts';

/**
 * Chooses the alert defaults: seeded Bernoulli traffic where a new model version raises the retry
 * rate from 15% to 20% of generations (5 points), or leaves it alone (A/A), with the alert rules
 * evaluated every simulated hour exactly as the server will (rollups → evaluateRules). Reports, per
 * setting, the share of runs that detect the rise within the horizon, the median delay in
 * sessions, and the share of A/A runs with any false alarm over the whole horizon.
 *
 * Traffic: `perHour` sessions an hour, 3 generations each. Users are not coins: 20% of sessions
 * retry at twice the mean rate, the rest at 0.75× (so sessions are internally correlated, as real
 * ones are). Copy rate 30%, abandonment 20%, rejected grade 10%, unchanged by the new version.
 */

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2);

interface Scenario {
  name: string;
  /** Share of traffic on the new version after the change (1: full rollout, 0.5: canary). */
  split: number;
  /** Retry rate of the new version. */
  candidateRate: number;
}

type Rng = () => number;

function rngOf(seed: number): Rng {
  const g = xoroshiro128plus(seed);
  return () => uniformFloat64(g);
}

function session(
  rnd: Rng,
  id: string,
  startedAt: number,
  modelVersion: string,
  retryRate: number,
): SessionResult {
  const p = rnd() < 0.2 ? retryRate * 2 : retryRate * 0.75;
  const generations: GenerationResult[] = [];
  let retries = 0;
  for (let g = 0; g < 3; g++) {
    const signals: string[] = [];
    if (rnd() < p) {
      signals.push('rephrase_retry');
      retries++;
    }
    if (rnd() < 0.3) signals.push('copied');
    generations.push({
      modelVersion,
      promptVersion: 'p1',
      contentType: 'chat',
      signals,
      grade: rnd() < 0.1 ? 'rejected' : 'accepted',
    });
  }
  return {
    projectId: 'sim',
    sessionId: id,
    startedAt,
    outcome: rnd() < 0.2 ? 'abandoned' : 'completed',
    retries,
    generations,
  };
}

function rules(yaml: string): AlertRule[] {
  const r = parseAlertConfig(yaml);
  if (!r.ok) throw new Error(errorText(r.errors));
  return r.value.rules;
}

/** A compare setting: the retry rule plus three more comparisons that share its BH correction. */
function compareRules(minSessions: number, q: number, minDelta: number): AlertRule[] {
  const common = `compare: { by: modelVersion }, minSessions: ${minSessions}, q: ${q}, minDelta: ${minDelta}`;
  return rules(`
rules:
  - { id: retry, metric: rate:rephrase_retry, direction: increase, ${common} }
  - { id: copied, metric: rate:copied, direction: decrease, ${common} }
  - { id: abandoned, metric: outcome:abandoned, direction: increase, ${common} }
  - { id: rejected, metric: grade:rejected, direction: increase, ${common} }
`);
}

function cusumRules(arl0: number): AlertRule[] {
  return rules(`
rules:
  - id: retry
    type: cusum
    metric: rate:rephrase_retry
    direction: increase
    window: hour
    arl0: ${arl0}
`);
}

interface Setting {
  name: string;
  /** The defaults of ALERT_DEFAULTS: their union is the headline figure. */
  isDefault: boolean;
  kind: 'compare' | 'cusum';
  rules: AlertRule[];
}

interface Outcome {
  /** Sessions after the change until the setting's retry rule first fired, or null. */
  firstFire: (number | null)[];
}

/** One seeded run: hours of v1 only, then the scenario for `postHours`; every setting evaluated hourly. */
function runOnce(
  seed: number,
  scenario: Scenario,
  settings: Setting[],
  o: { perHour: number; postHours: number },
): Outcome {
  const rnd = rngOf(seed);
  // A rollout keeps the CUSUM's baseline and monitored span before the change; a canary needs two days of v1.
  const preHours =
    scenario.split === 1 ? ALERT_DEFAULTS.cusumBaselineWindows + ALERT_DEFAULTS.cusumLookback : 48;
  let rows: RollupRow[] = [];
  const firstFire: (number | null)[] = settings.map(() => null);
  let after = 0;
  for (let h = 0; h < preHours + o.postHours; h++) {
    const changed = h >= preHours;
    const sessions: SessionResult[] = [];
    for (let i = 0; i < o.perHour; i++) {
      const onNew = changed && rnd() < scenario.split;
      const at = T0 + h * HOUR + Math.floor((i * HOUR) / o.perHour);
      sessions.push(
        session(rnd, `${h}-${i}`, at, onNew ? 'v2' : 'v1', onNew ? scenario.candidateRate : 0.15),
      );
    }
    rows = mergeRollups([...rows, ...sessions.flatMap((s) => sessionContribution(s, { windows: ['hour'] }))]);
    if (!changed) continue;
    after += o.perHour;
    const now = T0 + (h + 1) * HOUR - 1;
    settings.forEach((s, k) => {
      if (firstFire[k] !== null) return;
      const fired = evaluateRules(s.rules, rows, { now }).some(
        (e) => e.ruleId === 'retry' && e.status === 'firing',
      );
      if (fired) firstFire[k] = after;
    });
  }
  return { firstFire };
}

export const task: Task = {
  describe:
    'Detection power, delay and A/A false alarms of the alert rules on seeded traffic [--runs N] [--per-hour S]',
  async run(args, io) {
    const arg = (name: string, d: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? (args[i + 1] ?? d) : d;
    };
    const runs = Number(arg('--runs', '100'));
    const o = { perHour: Number(arg('--per-hour', '100')), postHours: 60 };
    // The hour `h` evaluations use `rows`; rollups carry the hour windows only (the rules read hour).
    const minSessionsGrid = [...new Set([300, 500, ALERT_DEFAULTS.minSessions, 1000])].sort((a, b) => a - b);
    const arl0Grid = [...new Set([100_000, ALERT_DEFAULTS.cusumArl0, 500_000])].sort((a, b) => a - b);
    const settings: Setting[] = [
      ...minSessionsGrid.map((m) => ({
        name: `compare minSessions=${m} q=${ALERT_DEFAULTS.q} minDelta=${ALERT_DEFAULTS.minDelta}`,
        kind: 'compare' as const,
        isDefault: m === ALERT_DEFAULTS.minSessions,
        rules: compareRules(m, ALERT_DEFAULTS.q, ALERT_DEFAULTS.minDelta).map((r) => ({
          ...r,
          window: 'hour' as const,
        })),
      })),
      ...arl0Grid.map((a) => ({
        name: `cusum arl0=${a} shift=${ALERT_DEFAULTS.cusumShift} lookback=${ALERT_DEFAULTS.cusumLookback}h baseline=${ALERT_DEFAULTS.cusumBaselineWindows}h`,
        kind: 'cusum' as const,
        isDefault: a === ALERT_DEFAULTS.cusumArl0,
        rules: cusumRules(a),
      })),
    ];
    const scenarios: Scenario[] = [
      { name: 'rollout +5pts', split: 1, candidateRate: 0.2 },
      { name: 'rollout A/A', split: 1, candidateRate: 0.15 },
      { name: 'canary 50% +5pts', split: 0.5, candidateRate: 0.2 },
      { name: 'canary 50% A/A', split: 0.5, candidateRate: 0.15 },
    ];
    const started = performance.now();
    const results: Record<string, unknown>[] = [];
    const headline: Record<string, number | null> = {};
    const summary = (fires: (number | null)[], aa: boolean) => {
      const hits = fires.filter((f): f is number => f !== null);
      return aa
        ? { false_alarm_rate: round(hits.length / fires.length) }
        : {
            detection_rate: round(hits.length / fires.length),
            median_delay_sessions: median(hits),
            // Sessions after the change by which 95% of all runs had detected it (null: fewer did).
            p95_delay_sessions: p95(fires),
          };
    };
    for (const scenario of scenarios) {
      const fires: (number | null)[][] = settings.map(() => []);
      for (let r = 0; r < runs; r++) {
        const { firstFire } = runOnce(1000 + r, scenario, settings, o);
        firstFire.forEach((f, k) => fires[k]!.push(f));
      }
      const aa = scenario.candidateRate === 0.15;
      settings.forEach((s, k) => {
        if (s.kind === 'cusum' && scenario.split !== 1) return; // CUSUM watches the whole traffic.
        results.push({ scenario: scenario.name, setting: s.name, ...summary(fires[k]!, aa) });
      });
      if (scenario.split === 1) {
        // The defaults together, as a project would run them: an alert is either rule firing.
        const defaults = settings.flatMap((s, k) => (s.isDefault ? [fires[k]!] : []));
        const union = Array.from({ length: runs }, (_, r) => {
          const hits = defaults.map((f) => f[r]).filter((f): f is number => f !== null && f !== undefined);
          return hits.length > 0 ? Math.min(...hits) : null;
        });
        const s = summary(union, aa);
        results.push({ scenario: scenario.name, setting: 'defaults (compare or cusum)', ...s });
        Object.assign(headline, s);
      }
      await new Promise((resolve) => setImmediate(resolve)); // let progress reach the terminal
      io.log(`${scenario.name}: ${runs} runs done (${Math.round((performance.now() - started) / 1000)} s)`);
    }
    for (const r of results) io.log(JSON.stringify(r));
    return {
      ...headline,
      runs,
      sessions_per_hour: o.perHour,
      horizon_sessions: o.perHour * o.postHours,
      defaults: {
        minSessions: ALERT_DEFAULTS.minSessions,
        q: ALERT_DEFAULTS.q,
        minDelta: ALERT_DEFAULTS.minDelta,
        cusumArl0: ALERT_DEFAULTS.cusumArl0,
        cusumShift: ALERT_DEFAULTS.cusumShift,
      },
      results,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  },
};
