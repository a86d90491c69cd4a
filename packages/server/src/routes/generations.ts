import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { parseParams } from '../query.ts';

const idParams = z.object({ id: z.string().min(1).max(256) });

/** One generation, with the events about it. */
export function generationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/generations/:id', async (req) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { id } = parseParams(idParams, req.params, 'params');
    const generation = await ctx.store.generations.get(projectId, id);
    if (!generation) throw new ApiError('not_found', `no generation ${JSON.stringify(id)} in this project`);
    return { generation, events: await ctx.store.events.forGeneration(projectId, id) };
  });
}
