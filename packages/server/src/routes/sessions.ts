import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { decodeCursor, encodeCursor, parseParams } from '../query.ts';

const listQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  userId: z.string().min(1).max(256).optional(),
  modelVersion: z.string().min(1).max(256).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(2048).optional(),
});

const cursorSchema = z.object({ lastTs: z.iso.datetime(), id: z.string() });
const idParams = z.object({ id: z.string().min(1).max(256) });

/** Reading sessions: a filtered, paginated list; one session with its generations and events. */
export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/sessions', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const q = parseParams(listQuery, req.query, 'query');
    const page = await ctx.store.sessions.list(projectId, {
      limit: q.limit,
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.userId ? { userId: q.userId } : {}),
      ...(q.modelVersion ? { modelVersion: q.modelVersion } : {}),
      ...(q.cursor ? { cursor: decodeCursor(cursorSchema, q.cursor) } : {}),
    });
    return { sessions: page.sessions, next: page.next ? encodeCursor(page.next) : null };
  });

  app.get('/v1/sessions/:id', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { id } = parseParams(idParams, req.params, 'params');
    const session = await ctx.store.sessions.get(projectId, id);
    if (!session) throw new ApiError('not_found', `no session ${JSON.stringify(id)} in this project`);
    const [generations, events] = await Promise.all([
      ctx.store.generations.forSession(projectId, id),
      ctx.store.events.forSession(projectId, id),
    ]);
    return { session, generations, events };
  });
}
