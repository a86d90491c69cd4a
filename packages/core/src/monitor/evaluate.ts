import {
  benjaminiHochberg,
  clusteredTwoProportionTest,
  cusumThreshold,
  runCusum,
  twoProportionTest,
  type Count,
} from '../stats/index.ts';
import {
  metricCount,
  metricRate,
  parseMetric,
  type Metric,
  type MetricRate,
  type ParsedMetric,
} from './metric.ts';
import type { AlertRule, CompareRule, CusumRule } from './rules.ts';
import { sumCounts, type RollupCounts, type RollupRow } from './rollup.ts';
import { groupRows, selectRows, type Dimension, type RowFilter } from './select.ts';
import { resolveVersions, versionsFromRollups, type VersionSeen } from './versions.ts';
import { WINDOW_MS, windowStart, type WindowSize } from './window.ts';

export interface EvaluateOptions {
  /** Epoch ms: the evaluation covers windows up to the one holding `now`. */
  now: number;
  /** When each version was first seen (resolves `new`/`previous`); taken from the rollups when absent. */
  versions?: readonly VersionSeen[];
  /** Of the intervals reported. Default 0.95. */
  confidence?: number;
}

/** Shared by both kinds of evaluation. */
interface EvaluationBase {
  ruleId: string;
  projectId: string;
  metric: Metric;
  direction: 'increase' | 'decrease';
  /** Stable identity of what is alerted on: same rule, project, versions and segment. */
  dedupeKey: string;
  /** `insufficient`: not enough data to judge (never fires, never resolves an open alert). */
  status: 'firing' | 'ok' | 'insufficient';
  /** Why the status is `insufficient`. */
  reason?: string;
  /** The split value this evaluation is about, when the rule splits. */
  segment: { dimension: Dimension; value: string } | null;
  /** The windows read: [from, to) in epoch ms. */
  span: { window: WindowSize; from: number | null; to: number };
}

/** One arm of a comparison. */
export interface Arm extends MetricRate {
  version: string;
}

export interface CompareEvaluation extends EvaluationBase {
  type: 'compare';
  by: 'modelVersion' | 'promptVersion';
  baseline: Arm | null;
  candidate: Arm | null;
  /** The test, when both arms have enough sessions. */
  test: {
    /** candidate − baseline, with Newcombe's interval. */
    difference: number;
    differenceLower: number;
    differenceUpper: number;
    z: number;
    /** One-sided p-value in the rule's direction. */
    p: number;
    /** Benjamini–Hochberg q-value across every comparison of the project evaluated in this call. */
    q: number;
    cohensH: number;
  } | null;
  thresholds: { q: number; minDelta: number; minSessions: number };
}

export interface CusumEvaluation extends EvaluationBase {
  type: 'cusum';
  /** The rate over the monitored windows. */
  current: MetricRate;
  chart: {
    p0: number;
    p1: number;
    h: number;
    /** 1 / design effect: how much one trial counts. */
    weight: number;
    /** The statistic after the latest window. */
    statistic: number;
    /** Start of the window where the chart first signalled, and where it dates the change. */
    alarmAt: number | null;
    changeAt: number | null;
  } | null;
}

export type AlertEvaluation = CompareEvaluation | CusumEvaluation;

function filterOf(rule: AlertRule, projectId: string, from: number | null, to: number): RowFilter {
  return {
    projectId,
    window: rule.window,
    from: from ?? undefined,
    to,
    modelVersion: rule.modelVersion,
    promptVersion: rule.promptVersion,
    contentType: rule.contentType,
    cohort: rule.cohort,
  };
}

/** The rows of each segment: one unnamed segment when the rule does not split. */
function segments(
  rows: RollupRow[],
  split: Dimension | undefined,
): [EvaluationBase['segment'], RollupRow[]][] {
  if (split === undefined) return [[null, rows]];
  return [...groupRows(rows, split)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, list]) => [{ dimension: split, value }, list]);
}

function segmentKey(segment: EvaluationBase['segment']): string {
  return segment ? `|${segment.dimension}=${segment.value}` : '';
}

interface Pending {
  evaluation: CompareEvaluation;
  p: number;
  rule: CompareRule;
}

function evaluateCompare(
  rule: CompareRule,
  metric: ParsedMetric,
  projectId: string,
  rows: readonly RollupRow[],
  options: EvaluateOptions,
  pending: Pending[],
): CompareEvaluation[] {
  const to = windowStart(options.now, rule.window) + WINDOW_MS[rule.window];
  const from = rule.lookback === undefined ? null : to - rule.lookback * WINDOW_MS[rule.window];
  const seen =
    options.versions?.filter((v) => v.projectId === projectId && v.dimension === rule.compare.by) ??
    versionsFromRollups(rows, projectId, rule.compare.by);
  const resolved = resolveVersions(seen, rule.compare.candidate, rule.compare.baseline);
  const base = {
    type: 'compare' as const,
    ruleId: rule.id,
    projectId,
    metric: rule.metric,
    direction: rule.direction,
    by: rule.compare.by,
    span: { window: rule.window, from, to },
    thresholds: { q: rule.q, minDelta: rule.minDelta, minSessions: rule.minSessions },
  };
  const selected = selectRows(rows, filterOf(rule, projectId, from, to), rule.split);
  if ('reason' in resolved) {
    return [
      {
        ...base,
        dedupeKey: `${projectId}|${rule.id}`,
        status: 'insufficient',
        reason: resolved.reason,
        segment: null,
        baseline: null,
        candidate: null,
        test: null,
      },
    ];
  }
  const confidence = options.confidence ?? 0.95;
  return segments(selected, rule.split).map(([segment, list]) => {
    const countsOf = (version: string) => sumCounts(list.filter((r) => r[rule.compare.by] === version));
    const baselineCounts = countsOf(resolved.baseline);
    const candidateCounts = countsOf(resolved.candidate);
    const arm = (version: string, counts: RollupCounts): Arm => ({
      version,
      ...metricRate(counts, metric, confidence),
    });
    const baseline = arm(resolved.baseline, baselineCounts);
    const candidate = arm(resolved.candidate, candidateCounts);
    const evaluation: CompareEvaluation = {
      ...base,
      dedupeKey: `${projectId}|${rule.id}|${rule.compare.by}=${resolved.candidate}>${resolved.baseline}${segmentKey(segment)}`,
      status: 'insufficient',
      segment,
      baseline,
      candidate,
      test: null,
    };
    if (baseline.sessions < rule.minSessions || candidate.sessions < rule.minSessions) {
      evaluation.reason = `needs ≥ ${rule.minSessions} sessions per arm (baseline ${baseline.sessions}, candidate ${candidate.sessions})`;
      return evaluation;
    }
    if (!(baseline.trials > 0 && candidate.trials > 0)) {
      evaluation.reason = `no ${metric.unit} to count in one of the arms`;
      return evaluation;
    }
    const b = metricCount(baselineCounts, metric);
    const c = metricCount(candidateCounts, metric);
    const t =
      metric.family === 'outcome'
        ? twoProportionTest(b, c, confidence)
        : clusteredTwoProportionTest(b, c, confidence);
    const p = rule.direction === 'increase' ? t.pIncrease : t.pDecrease;
    evaluation.test = {
      difference: t.difference,
      differenceLower: t.differenceLower,
      differenceUpper: t.differenceUpper,
      z: t.z,
      p,
      q: p,
      cohensH: t.cohensH,
    };
    pending.push({ evaluation, p, rule });
    return evaluation;
  });
}

function evaluateCusum(
  rule: CusumRule,
  metric: ParsedMetric,
  projectId: string,
  rows: readonly RollupRow[],
  options: EvaluateOptions,
): CusumEvaluation[] {
  const size = WINDOW_MS[rule.window];
  const to = windowStart(options.now, rule.window) + size;
  const from = to - rule.lookback * size;
  const refFrom = rule.baseline.windows === undefined ? from : from - rule.baseline.windows * size;
  const selected = selectRows(rows, filterOf(rule, projectId, refFrom, to), rule.split);
  const confidence = options.confidence ?? 0.95;
  return segments(selected, rule.split).map(([segment, list]) => {
    const monitored = list.filter((r) => r.windowStart >= from);
    const current = metricRate(sumCounts(monitored), metric, confidence);
    const evaluation: CusumEvaluation = {
      type: 'cusum',
      ruleId: rule.id,
      projectId,
      metric: rule.metric,
      direction: rule.direction,
      dedupeKey: `${projectId}|${rule.id}${segmentKey(segment)}`,
      status: 'insufficient',
      segment,
      span: { window: rule.window, from, to },
      current,
      chart: null,
    };
    // The baseline rate, and the design effect that discounts clustered trials.
    const reference =
      rule.baseline.windows === undefined ? monitored : list.filter((r) => r.windowStart < from);
    const refRate = metricRate(sumCounts(reference), metric, confidence);
    let p0 = rule.baseline.rate;
    if (p0 === undefined) {
      if (refRate.sessions < rule.minSessions || refRate.rate === null) {
        evaluation.reason = `baseline needs ≥ ${rule.minSessions} sessions (has ${refRate.sessions})`;
        return evaluation;
      }
      p0 = refRate.rate;
    }
    const p1 = rule.direction === 'increase' ? p0 + rule.shift : p0 - rule.shift;
    if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1)) {
      evaluation.reason = `baseline rate ${p0.toFixed(4)} ± shift ${rule.shift} leaves (0, 1)`;
      return evaluation;
    }
    // metricRate's design effect: 1 without trials or with fewer than two sessions.
    const deff = metric.family === 'outcome' ? 1 : refRate.designEffect;
    // h depends smoothly on p0: looking it up at 3 significant digits lets the memo serve every
    // evaluation of a steady rate instead of solving the chain again each time.
    const rounded = Number(p0.toPrecision(3));
    const p1r = rule.direction === 'increase' ? rounded + rule.shift : rounded - rule.shift;
    const [hp0, hp1] = rounded > 0 && rounded < 1 && p1r > 0 && p1r < 1 ? [rounded, p1r] : [p0, p1];
    const h = rule.threshold ?? cusumThreshold(hp0, hp1, rule.arl0);
    const byWindow = new Map<number, Count>();
    for (const r of monitored) {
      const c = metricCount(r.counts, metric);
      const cur = byWindow.get(r.windowStart) ?? { successes: 0, trials: 0 };
      byWindow.set(r.windowStart, { successes: cur.successes + c.successes, trials: cur.trials + c.trials });
    }
    const starts = [...byWindow.keys()].sort((a, b) => a - b);
    const run = runCusum(
      starts.map((s) => byWindow.get(s)!),
      { p0, p1, h },
      1 / deff,
    );
    evaluation.chart = {
      p0,
      p1,
      h,
      weight: 1 / deff,
      statistic: run.statistic.at(-1) ?? 0,
      alarmAt: run.alarmAt === null ? null : starts[run.alarmAt]!,
      changeAt: run.changeAt === null ? null : starts[run.changeAt]!,
    };
    evaluation.status = run.inAlarm ? 'firing' : 'ok';
    return evaluation;
  });
}

/**
 * Evaluates alert rules on rollups at `now`. Pure: the same rules, rows and options give the same
 * evaluations. Compare rules test candidate vs baseline with a one-sided two-proportion test in the
 * rule's direction (clustered by session for generation rates); the p-values of every comparison
 * of a project tested in this call are turned into Benjamini–Hochberg q-values together. A
 * comparison fires when q ≤ rule.q and the difference in the rule's direction is ≥ minDelta; it
 * never fires before both arms have minSessions sessions. CUSUM rules fire while their chart is in
 * alarm (see `runCusum`). Rules whose metric cannot be parsed are skipped (validation prevents them).
 *
 * @example
 * const evaluations = evaluateRules(config.rules, rows, { now: Date.now() });
 * const { open, events } = reconcileAlerts(previouslyOpen, evaluations, { now: Date.now() });
 */
export function evaluateRules(
  rules: readonly AlertRule[],
  rows: readonly RollupRow[],
  options: EvaluateOptions,
): AlertEvaluation[] {
  const projects = [...new Set(rows.map((r) => r.projectId))].sort();
  const out: AlertEvaluation[] = [];
  for (const projectId of projects) {
    const pending: Pending[] = [];
    for (const rule of rules) {
      const metric = parseMetric(rule.metric);
      if (!metric) continue;
      if (rule.type === 'compare')
        out.push(...evaluateCompare(rule, metric, projectId, rows, options, pending));
      else out.push(...evaluateCusum(rule, metric, projectId, rows, options));
    }
    const q = benjaminiHochberg(pending.map((x) => x.p));
    pending.forEach(({ evaluation, rule }, i) => {
      const test = evaluation.test!;
      test.q = q[i]!;
      const delta = rule.direction === 'increase' ? test.difference : -test.difference;
      evaluation.status = test.q <= rule.q && delta >= rule.minDelta ? 'firing' : 'ok';
    });
  }
  return out;
}
