import { builtinContext, contextHash, parseContext, resolveContext, type ProductContext } from '@tacit/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { assertNoNul, badRequest } from '../errors.ts';
import { parseParams } from '../query.ts';

const putQuery = z.object({ backfill: z.enum(['true', 'false']).default('false') });

/** The project's product context: what each behaviour means for this product. */
export function contextRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Product contexts are written in YAML as often as JSON.
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  app.get('/v1/context', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const stored = await ctx.store.contexts.active(projectId);
    if (stored)
      return { source: 'project', hash: stored.hash, version: stored.version, context: stored.body };
    const context = ctx.defaultContext ?? builtinContext('chat');
    return { source: 'default', hash: contextHash(context), version: context.version, context };
  });

  app.put('/v1/context', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { backfill } = parseParams(putQuery, req.query, 'query');
    const r = typeof req.body === 'string' ? parseContext(req.body) : resolveContext(req.body);
    if (!r.ok) {
      throw badRequest(r.errors);
    }
    assertNoNul(r.value, 'body');
    const context: ProductContext = r.value;
    const hash = contextHash(context);
    const changed = await ctx.store.contexts.activate(projectId, {
      hash,
      version: context.version,
      body: context,
    });
    ctx.labeler?.contextChanged(projectId);
    const sessions = backfill === 'true' ? await ctx.store.labels.markAllDirty(projectId) : 0;
    if (sessions > 0) ctx.labeler?.wake();
    return { hash, version: context.version, changed, backfill: sessions };
  });

  app.post('/v1/backfill', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const sessions = await ctx.store.labels.markAllDirty(projectId);
    ctx.labeler?.wake();
    return { sessions };
  });

  app.get('/v1/labeling/status', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    return { dirty: await ctx.store.labels.dirtyCount(projectId), worker: ctx.labeler !== undefined };
  });
}
