import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { batchOf, ingest } from '../ingest.ts';

/** `POST /v1/events`: a batch, answered per event (200 when all were stored, 207 otherwise). */
export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/v1/events', async (req, reply) => {
    const grant = await ctx.keys.require(req);
    const events = batchOf(req.body, ctx.config.maxBatchEvents);
    const result = await ingest(ctx.store, grant.projectId, events);
    if (result.accepted > 0) {
      ctx.labeler?.wake();
      ctx.onIngested?.(grant.projectId, result.accepted);
    }
    return reply.code(result.invalid > 0 ? 207 : 200).send(result);
  });
}
