import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { decodeCursor, encodeCursor, parseParams } from '../query.ts';

const listQuery = z.object({
  modelVersion: z.string().min(1).max(256).optional(),
  grade: z.enum(['accepted', 'minor_edit', 'major_edit', 'replaced', 'rejected']).optional(),
  route: z.enum(['train', 'review', 'discard']).optional(),
  signal: z.string().min(1).max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(2048).optional(),
});
const cursorSchema = z.object({ at: z.iso.datetime(), generationId: z.string() });
const idParams = z.object({ id: z.string().min(1).max(256) });

/** Labels, signals and outcomes, as the labeling loop last computed them. */
export function labelRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/labels', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(listQuery, req.query, 'query');
    const page = await ctx.store.labels.list(projectId, {
      limit: q.limit,
      ...(q.modelVersion ? { modelVersion: q.modelVersion } : {}),
      ...(q.grade ? { grade: q.grade } : {}),
      ...(q.route ? { route: q.route } : {}),
      ...(q.signal ? { signal: q.signal } : {}),
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.cursor ? { cursor: decodeCursor(cursorSchema, q.cursor) } : {}),
    });
    return { labels: page.labels, next: page.next ? encodeCursor(page.next) : null };
  });

  app.get('/v1/generations/:id/labels', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { id } = parseParams(idParams, req.params, 'params');
    if (!(await ctx.store.generations.get(projectId, id))) {
      throw new ApiError('not_found', `no generation ${JSON.stringify(id)} in this project`);
    }
    return ctx.store.labels.forGeneration(projectId, id);
  });

  app.get('/v1/sessions/:id/labels', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { id } = parseParams(idParams, req.params, 'params');
    const session = await ctx.store.sessions.get(projectId, id);
    if (!session) throw new ApiError('not_found', `no session ${JSON.stringify(id)} in this project`);
    return { dirty: session.dirty, ...(await ctx.store.labels.forSession(projectId, id)) };
  });
}
