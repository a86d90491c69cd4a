import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bearer } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { batchOf, ingest } from '../ingest.ts';
import { parseParams } from '../query.ts';
import { createKeys } from '../keys.ts';

const createBody = z.object({
  projectId: z.string().min(1).max(256).optional(),
  projectName: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256).optional(),
});
const revokeBody = z.object({ key: z.string().min(1).max(256) });
const projectParams = z.object({ projectId: z.string().min(1).max(256) });

/**
 * The local admin API: what `tacit keys` and `tacit events import` use while `tacit start` owns
 * the embedded database (PGlite allows one process). Enabled only with an admin token, which
 * `tacit start` writes, readable by its user only, into the data directory.
 */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const token = ctx.config.adminToken;
  if (token === undefined) return;
  const expected = Buffer.from(token);
  const requireAdmin = (req: FastifyRequest) => {
    const got = Buffer.from(bearer(req) ?? '');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new ApiError('unauthorized', 'admin endpoints need the admin token of this server');
    }
  };

  app.post('/v1/admin/keys', async (req) => {
    requireAdmin(req);
    const body = parseParams(createBody, req.body, 'params');
    return createKeys(ctx.store, body);
  });

  app.get('/v1/admin/keys', async (req) => {
    requireAdmin(req);
    return { keys: await ctx.store.keys.list() };
  });

  app.post('/v1/admin/keys/revoke', async (req) => {
    requireAdmin(req);
    const { key } = parseParams(revokeBody, req.body, 'params');
    return { revoked: await ctx.store.keys.revoke(key) };
  });

  app.post('/v1/admin/projects/:projectId/events', async (req, reply) => {
    requireAdmin(req);
    const { projectId } = parseParams(projectParams, req.params, 'params');
    // Importing into a project that does not exist yet creates it, as the CLI does on a stopped store.
    await ctx.store.projects.ensure(projectId, projectId);
    const result = await ingest(ctx.store, projectId, batchOf(req.body, ctx.config.maxBatchEvents));
    ctx.onIngested?.(projectId, result.accepted);
    return reply.code(result.invalid > 0 ? 207 : 200).send(result);
  });
}
