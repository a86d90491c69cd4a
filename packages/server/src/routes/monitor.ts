import {
  WINDOW_MS,
  compareRuleSchema,
  evaluateRules,
  describeEvaluation,
  groupRows,
  metricRate,
  parseMetric,
  rateSeries,
  selectRows,
  sumCounts,
  windowStart,
  type CompareEvaluation,
  type Dimension,
  type RollupRow,
  type RowFilter,
  type WindowSize,
} from '@tacit/core/monitor';
import { sampleSizePerArm } from '@tacit/core/stats';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { parseParams } from '../query.ts';

const metricParam = z.string().refine((m) => parseMetric(m) !== undefined, {
  message: 'expected rate:<signal kind>, grade:<grade> or outcome:completed|abandoned|unknown',
});
/** `metric=a&metric=b` or `metric=a,b`. */
const metricsParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    [v]
      .flat()
      .flatMap((m) => m.split(','))
      .filter((m) => m !== ''),
  )
  .pipe(z.array(metricParam).min(1).max(20));
const dimensionParam = z
  .string()
  .refine((d) => ['modelVersion', 'promptVersion', 'contentType'].includes(d) || /^cohort:.+/.test(d), {
    message: 'expected modelVersion, promptVersion, contentType or cohort:<attribute>',
  });
const name = z.string().min(1).max(256);

/** Filters shared by every monitoring query. */
const scope = {
  window: z.enum(['hour', 'day']).default('hour'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  modelVersion: name.optional(),
  promptVersion: name.optional(),
  contentType: name.optional(),
  /** One cohort attribute, `plan=free`. */
  cohort: z
    .string()
    .regex(/^[^=]+=.*$/, { message: 'expected key=value, e.g. plan=free' })
    .optional(),
};

const seriesQuery = z.object({ ...scope, metric: metricParam, groupBy: dimensionParam.optional() });
const ratesQuery = z.object({
  ...scope,
  window: z.enum(['hour', 'day']).default('day'),
  metric: metricsParam,
  groupBy: dimensionParam.default('modelVersion'),
});
const compareQuery = z.object({
  ...scope,
  window: z.enum(['hour', 'day']).default('day'),
  metric: metricsParam,
  by: z.enum(['modelVersion', 'promptVersion']).default('modelVersion'),
  candidate: name.default('new'),
  baseline: name.default('previous'),
  direction: z.enum(['increase', 'decrease']).default('increase'),
  split: dimensionParam.optional(),
  minSessions: z.coerce.number().int().min(2).default(2),
  q: z.coerce.number().gt(0).max(1).default(0.01),
  minDelta: z.coerce.number().min(0).max(1).default(0.02),
  /** Power the reported sample sizes aim for. */
  power: z.coerce.number().gt(0).lt(1).default(0.8),
});

type Scope = z.infer<z.ZodObject<typeof scope>> & { window: WindowSize };

const DEFAULT_SPAN: Record<WindowSize, number> = { hour: 2 * 86_400_000, day: 30 * 86_400_000 };

/** The span a query covers: [since, until), by default the last 2 days of hours or 30 days. */
function span(q: Scope, now: number): { from: number; to: number } {
  const to = q.until ? Date.parse(q.until) : windowStart(now, q.window) + WINDOW_MS[q.window];
  const from = q.since ? Date.parse(q.since) : to - DEFAULT_SPAN[q.window];
  if (!(from < to)) throw new ApiError('bad_request', 'query.since: expected a time before until');
  return { from, to };
}

function cohortOf(q: Scope): Record<string, string> | undefined {
  if (q.cohort === undefined) return undefined;
  const at = q.cohort.indexOf('=');
  return { [q.cohort.slice(0, at)]: q.cohort.slice(at + 1) };
}

function filterOf(q: Scope, projectId: string, from: number, to: number): Omit<RowFilter, 'window'> {
  return {
    projectId,
    from,
    to,
    modelVersion: q.modelVersion,
    promptVersion: q.promptVersion,
    contentType: q.contentType,
    cohort: cohortOf(q),
  };
}

async function rowsOf(
  ctx: AppContext,
  projectId: string,
  q: Scope,
  from: number,
  to: number,
  split?: string,
): Promise<RollupRow[]> {
  const cohorts = [
    ...Object.keys(cohortOf(q) ?? {}),
    ...(split?.startsWith('cohort:') ? [split.slice('cohort:'.length)] : []),
  ];
  if (cohorts.length > 1) {
    throw new ApiError('bad_request', 'query.cohort: filter on a cohort attribute or group by one, not both');
  }
  return ctx.store.monitor.rollups(projectId, {
    window: q.window,
    from: new Date(from),
    to: new Date(to),
    cohorts,
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Behavioural-signal rates over time, per version, with intervals; version comparisons. */
export function monitorRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/monitor/series', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(seriesQuery, req.query, 'query');
    const { from, to } = span(q, Date.now());
    const rows = await rowsOf(ctx, projectId, q, from, to, q.groupBy);
    const series = rateSeries(rows, {
      metric: q.metric,
      window: q.window,
      filter: filterOf(q, projectId, from, to),
      ...(q.groupBy ? { groupBy: q.groupBy as Dimension } : {}),
    })!;
    return {
      metric: q.metric,
      window: q.window,
      groupBy: q.groupBy ?? null,
      since: iso(from),
      until: iso(to),
      series: series.map((s) => ({
        group: s.group,
        points: s.points.map(({ windowStart: start, ...rate }) => ({ windowStart: iso(start), ...rate })),
      })),
    };
  });

  app.get('/v1/monitor/rates', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(ratesQuery, req.query, 'query');
    const { from, to } = span(q, Date.now());
    const rows = await rowsOf(ctx, projectId, q, from, to, q.groupBy);
    const selected = selectRows(
      rows,
      { ...filterOf(q, projectId, from, to), window: q.window },
      q.groupBy as Dimension,
    );
    const groups = [...groupRows(selected, q.groupBy as Dimension)].sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      window: q.window,
      groupBy: q.groupBy,
      since: iso(from),
      until: iso(to),
      rates: q.metric.flatMap((metric) =>
        groups.map(([group, list]) => ({
          metric,
          group,
          ...metricRate(sumCounts(list), parseMetric(metric)!),
        })),
      ),
    };
  });

  app.get('/v1/monitor/compare', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(compareQuery, req.query, 'query');
    if (q[q.by] !== undefined)
      throw new ApiError(
        'bad_request',
        `query.${q.by}: cannot filter on ${q.by}: the versions are compared by it`,
      );
    if (q.split === q.by)
      throw new ApiError('bad_request', `query.split: cannot split by ${q.by}: it is compared`);
    const { from, to } = span(q, Date.now());
    const rows = await rowsOf(ctx, projectId, q, from, to, q.split);
    const cohort = cohortOf(q);
    const rules = q.metric.map((metric, i) => {
      const r = compareRuleSchema.safeParse({
        type: 'compare',
        id: `m${i}`,
        metric,
        direction: q.direction,
        compare: { by: q.by, candidate: q.candidate, baseline: q.baseline },
        minSessions: q.minSessions,
        q: q.q,
        minDelta: q.minDelta,
        window: q.window,
        ...(q.modelVersion !== undefined ? { modelVersion: q.modelVersion } : {}),
        ...(q.promptVersion !== undefined ? { promptVersion: q.promptVersion } : {}),
        ...(q.contentType !== undefined ? { contentType: q.contentType } : {}),
        ...(cohort ? { cohort } : {}),
        ...(q.split !== undefined ? { split: q.split } : {}),
      });
      if (!r.success) throw new ApiError('bad_request', `query: ${r.error.issues[0]?.message ?? 'invalid'}`);
      return r.data;
    });
    const versions = await ctx.store.monitor.versions(projectId);
    const evaluations = evaluateRules(rules, rows, { now: to - 1, versions }).filter(
      (e): e is CompareEvaluation => e.type === 'compare' && e.projectId === projectId,
    );
    return {
      by: q.by,
      direction: q.direction,
      window: q.window,
      since: iso(from),
      until: iso(to),
      thresholds: { q: q.q, minDelta: q.minDelta, minSessions: q.minSessions },
      comparisons: evaluations.map((e) => {
        return {
          metric: e.metric,
          status: e.status,
          ...(e.reason !== undefined ? { reason: e.reason } : {}),
          segment: e.segment,
          baseline: e.baseline,
          candidate: e.candidate,
          test: e.test,
          required: requiredPerArm(e, q.minDelta || 0.02, q.q, q.power),
          summary: describeEvaluation(e),
        };
      }),
    };
  });
}

/**
 * Per arm, what a one-sided test at level `alpha` needs to detect a change of `effect` with
 * `power`, from the baseline's rate and design effect: in trials, and in sessions at the
 * baseline's trials per session.
 */
function requiredPerArm(
  e: CompareEvaluation,
  effect: number,
  alpha: number,
  power: number,
): { trials: number; sessions: number; effect: number; power: number } | null {
  const b = e.baseline;
  if (b === null || b.rate === null || b.sessions === 0) return null;
  const signed = e.direction === 'increase' ? effect : -effect;
  const p = Math.min(Math.max(b.rate, 1e-6), 1 - 1e-6);
  if (!(p + signed > 0 && p + signed < 1)) return null;
  const trials = sampleSizePerArm({
    baselineRate: p,
    minDetectableEffect: signed,
    alpha,
    power,
    sided: 'one',
    designEffect: b.designEffect,
  });
  return { trials, sessions: Math.ceil(trials / (b.trials / b.sessions)), effect: signed, power };
}
