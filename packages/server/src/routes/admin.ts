import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { createKeys } from '../keys.ts';
import { parseParams } from '../query.ts';

const createBody = z.object({
  projectId: z.string().min(1).max(256).optional(),
  projectName: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256).optional(),
});
const revokeBody = z.object({ key: z.string().min(1).max(256) });
const projectBody = z.object({ id: z.string().min(1).max(256), name: z.string().min(1).max(256).optional() });

/**
 * The local admin API: what the `tacit` CLI uses while `tacit start` owns the embedded database
 * (PGlite admits one process). Enabled only with an admin token, which `tacit start` writes,
 * readable by its user only, into the data directory. The same token also acts as a secret key
 * of the project named by the `x-tacit-project` header on the other endpoints.
 */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  if (ctx.config.adminToken === undefined) return;
  const requireAdmin = (req: FastifyRequest) => ctx.keys.requireAdmin(req);

  app.post('/v1/admin/keys', async (req) => {
    requireAdmin(req);
    return createKeys(ctx.store, parseParams(createBody, req.body, 'params'));
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

  app.post('/v1/admin/projects', async (req) => {
    requireAdmin(req);
    const { id, name } = parseParams(projectBody, req.body, 'params');
    const p = await ctx.store.projects.ensure(id, name ?? id);
    return { id: p.id, name: p.name };
  });
}
