import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { batchOf, ingest } from '../ingest.ts';

/**
 * The JSON of a `text/plain` body: what `navigator.sendBeacon(url, string)` sends. That type is
 * CORS-safelisted, so a beacon from another origin needs no preflight while its page unloads (a
 * JSON-typed beacon does, and Chromium then drops it).
 */
function parseText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new ApiError('bad_request', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/** `POST /v1/events`: a batch, answered per event (200 when all were stored, 207 otherwise). */
export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/v1/events', async (req, reply) => {
    const grant = await ctx.keys.require(req);
    const body = typeof req.body === 'string' ? parseText(req.body) : req.body;
    const events = batchOf(body, ctx.config.maxBatchEvents);
    const result = await ingest(ctx.store, grant.projectId, events);
    if (result.accepted > 0) {
      ctx.labeler?.wake();
      ctx.onIngested?.(grant.projectId, result.accepted);
    }
    return reply.code(result.invalid > 0 ? 207 : 200).send(result);
  });
}
