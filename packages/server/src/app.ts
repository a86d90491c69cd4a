import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { Store } from '@tacit/store';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { bearer, KeyVerifier } from './auth.ts';
import { serverConfigSchema, type ServerConfigInput } from './config.ts';
import type { AlertScheduler } from './alerts/scheduler.ts';
import type { AppContext, Labeler } from './context.ts';
import type { ProductContext } from '@tacit/core';
import { ApiError, assertNoNul, errorBody, fromFastifyError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { alertRoutes } from './routes/alerts.ts';
import { contextRoutes } from './routes/context.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { labelRoutes } from './routes/labels.ts';
import { anchorRoutes } from './routes/anchors.ts';
import { monitorRoutes } from './routes/monitor.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { generationRoutes } from './routes/generations.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { VERSION } from './version.ts';

const routeLists = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** The routes an app built by `buildApp` serves (for the OpenAPI completeness test). */
export function routesOf(app: FastifyInstance): readonly { method: string; url: string }[] {
  return routeLists.get(app) ?? [];
}

export interface AppOptions {
  store: Store;
  config?: ServerConfigInput;
  onIngested?: AppContext['onIngested'];
  /** The labeling loop beside the server: woken on ingestion, told of context changes. */
  labeler?: Labeler;
  defaultContext?: ProductContext;
  /** The alert scheduler beside the server: evaluates on demand and after rule changes. */
  alerts?: AlertScheduler;
}

/**
 * The Fastify app of Tacit's HTTP API, not yet listening.
 *
 * @example
 * const app = await buildApp({ store: await openStore({ dataDir: '.tacit' }) });
 * await app.listen({ port: 4318 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config = serverConfigSchema.parse(options.config ?? {});
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // One line per request, on completion (Fastify's default logs two).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    // Ids may be 256 characters (LIMITS.id); the route parameters are then checked by the routes.
    routerOptions: { maxParamLength: 1024 },
    // Fastify's own URL errors (a malformed escape, a parameter past the limit) in the API's format.
    frameworkErrors: (error, _req, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is too long (ids have at most 256 characters)'
          : `the URL is malformed: ${error.message}`;
      void (reply as FastifyReply).code(400).send(errorBody(new ApiError('bad_request', message)));
    },
  });
  const routes: { method: string; url: string }[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  const ctx: AppContext = {
    store: options.store,
    config,
    keys: new KeyVerifier(options.store, config.keyCacheMs, config.adminToken),
    ...(options.onIngested ? { onIngested: options.onIngested } : {}),
    ...(options.labeler ? { labeler: options.labeler } : {}),
    ...(options.defaultContext ? { defaultContext: options.defaultContext } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
  };

  app.setErrorHandler((error, req, reply) => {
    const apiError = error instanceof ApiError ? error : fromFastifyError(error as Error & { code?: string });
    if (apiError.code === 'internal') req.log.error({ err: error }, 'request failed');
    void reply.code(apiError.statusCode).send(errorBody(apiError));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .send(errorBody(new ApiError('not_found', `no route ${req.method} ${req.url.split('?')[0]}`)));
  });
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info(
      {
        method: req.method,
        url: req.url.replace(/([?&]key=)[^&]*/, '$1…'),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });

  // U+0000 cannot be stored in PostgreSQL text: refuse it at the edge, naming where it is. Batch
  // endpoints check each item themselves, so that one bad item never loses the others.
  app.addHook('preHandler', (req, _reply, done) => {
    try {
      assertNoNul(req.query, 'query');
      assertNoNul(req.params, 'params');
      const url = req.routeOptions.url ?? '';
      if (url !== '/v1/events' && url !== '/v1/anchors') assertNoNul(req.body, 'body');
      done();
    } catch (err) {
      done(err as ApiError);
    }
  });

  await app.register(cors, {
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerSecond,
    timeWindow: 1000,
    keyGenerator: (req) => bearer(req) ?? (req.query as { key?: string } | undefined)?.key ?? req.ip,
    errorResponseBuilder: (_req, c) =>
      new ApiError(
        'rate_limited',
        `more than ${c.max} requests per second for this key; retry after ${c.after}`,
      ),
  });

  app.get('/health', async () => {
    await options.store.db.selectFrom('projects').select('id').limit(1).execute();
    return { status: 'ok', version: VERSION, backend: options.store.backend };
  });
  const doc = openApiDocument(VERSION);
  app.get('/openapi.json', () => doc);
  eventRoutes(app, ctx);
  sessionRoutes(app, ctx);
  generationRoutes(app, ctx);
  labelRoutes(app, ctx);
  contextRoutes(app, ctx);
  monitorRoutes(app, ctx);
  alertRoutes(app, ctx);
  adminRoutes(app, ctx);
  exportRoutes(app, ctx);
  anchorRoutes(app, ctx);
  if (config.dashboard) dashboardRoutes(app);
  return app;
}
