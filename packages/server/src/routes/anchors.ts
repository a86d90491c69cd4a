import { parseAnchor, type Anchor } from '@tacit/core/datasets';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { parseParams } from '../query.ts';

const body = z.object({ anchors: z.array(z.unknown()).min(1).max(10_000) });
const projectParams = z.object({ projectId: z.string().min(1).max(256) });

export interface AnchorImportResult {
  inserted: number;
  updated: number;
  invalid: { index: number; error: string }[];
}

async function importAnchors(
  ctx: AppContext,
  projectId: string,
  input: unknown,
): Promise<AnchorImportResult> {
  const { anchors } = parseParams(body, input, 'params');
  const valid: Anchor[] = [];
  const invalid: AnchorImportResult['invalid'] = [];
  anchors.forEach((a, index) => {
    const r = parseAnchor(a);
    if (r.ok) valid.push(r.value);
    else invalid.push({ index, error: r.error });
  });
  return { ...(await ctx.store.anchors.upsert(projectId, valid)), invalid };
}

/**
 * The anchor set: human-labeled examples and preferences, held out of the labeling loop and
 * exported as their own split of every training export. `POST /v1/anchors` (secret key); the
 * admin twin is what `tacit anchors import` uses while `tacit start` owns the embedded database.
 */
export function anchorRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/v1/anchors', async (req, reply) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const r = await importAnchors(ctx, projectId, req.body);
    return reply.code(r.invalid.length > 0 ? 207 : 200).send(r);
  });

  if (ctx.config.adminToken === undefined) return;
  const requireAdmin = (req: FastifyRequest) => ctx.keys.requireAdmin(req);
  app.post('/v1/admin/projects/:projectId/anchors', async (req, reply) => {
    requireAdmin(req);
    const { projectId } = parseParams(projectParams, req.params, 'params');
    await ctx.store.projects.ensure(projectId, projectId);
    const r = await importAnchors(ctx, projectId, req.body);
    return reply.code(r.invalid.length > 0 ? 207 : 200).send(r);
  });
}
