import {
  DEFAULT_ALERT_CONFIG,
  DEFAULT_ALERT_RULES_YAML,
  describeEvaluation,
  parseAlertConfig,
  validateAlertConfig,
  type AlertConfig,
} from '@tacit/core/monitor';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AlertScheduler } from '../alerts/scheduler.ts';
import type { AppContext } from '../context.ts';
import { ApiError, assertNoNul, badRequest } from '../errors.ts';
import { parseParams } from '../query.ts';

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});

const iso = (ms: number) => new Date(ms).toISOString();

/** Alert rules (config file or JSON), open alerts and their history, evaluation on demand. */
export function alertRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/alerts/rules', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const stored = await ctx.store.alerts.getConfig(projectId);
    if (stored === undefined) {
      return {
        source: 'default',
        config: DEFAULT_ALERT_CONFIG,
        text: DEFAULT_ALERT_RULES_YAML,
        updatedAt: null,
      };
    }
    return { source: 'project', config: stored.config, text: stored.source, updatedAt: stored.updatedAt };
  });

  app.put('/v1/alerts/rules', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null, null, 2);
    const r = typeof req.body === 'string' ? parseAlertConfig(req.body) : validateAlertConfig(req.body);
    if (!r.ok) {
      throw badRequest(r.errors);
    }
    assertNoNul(r.value, 'body');
    const config: AlertConfig = r.value;
    await ctx.store.alerts.setConfig(projectId, config, text);
    ctx.alerts?.nudge(projectId);
    return {
      source: 'project',
      rules: config.rules.map((rule) => rule.id),
      webhook: config.webhook !== undefined,
      config,
    };
  });

  app.get('/v1/alerts', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(historyQuery, req.query, 'query');
    const [open, history] = await Promise.all([
      ctx.store.alerts.open(projectId),
      ctx.store.alerts.history(projectId, {
        limit: q.limit,
        ...(q.before ? { before: new Date(q.before) } : {}),
      }),
    ]);
    return {
      open: open.map((a) => ({
        ...a,
        openedAt: iso(a.openedAt),
        summary: describeEvaluation(a.evaluation),
      })),
      history: history.map((e) => ({
        ...e,
        at: iso(e.at),
        openedAt: iso(e.openedAt),
        summary: describeEvaluation(e.evaluation),
      })),
    };
  });

  app.post('/v1/alerts/evaluate', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const scheduler = ctx.alerts ?? new AlertScheduler({ store: ctx.store });
    const r = await scheduler.evaluateProject(projectId, { force: true });
    if (r === undefined) throw new ApiError('internal', 'the evaluation did not run');
    return {
      at: iso(r.at),
      source: r.source,
      evaluations: r.evaluations.map((e) => ({ ...e, summary: describeEvaluation(e) })),
      events: r.events.map((e) => ({ id: e.id, type: e.type, ruleId: e.ruleId, dedupeKey: e.dedupeKey })),
      deliveries: r.deliveries,
    };
  });
}
