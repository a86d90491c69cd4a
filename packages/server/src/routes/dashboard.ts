import { DASHBOARD_CSP, dashboardAssets, type DashboardAsset } from '@tacit/dashboard';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

/** The dashboard's page and files: served beside the API, not part of it (not in `/openapi.json`). */
export const DASHBOARD_ROUTES: readonly string[] = ['/', '/ui/:file'];

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  a: DashboardAsset,
  csp: boolean,
): FastifyReply | string {
  void reply
    .header('content-type', a.contentType)
    .header('etag', a.etag)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff');
  if (csp)
    void reply.header('content-security-policy', DASHBOARD_CSP).header('referrer-policy', 'no-referrer');
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  return a.body;
}

/**
 * The read-only dashboard at `/` (assets under `/ui/`), bundled on the first request. It reads
 * the API with a secret key the user pastes; these routes themselves hold no data.
 */
export function dashboardRoutes(app: FastifyInstance): void {
  app.get('/', async (req, reply) => send(req, reply, (await dashboardAssets()).page, true));
  app.get('/ui/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    const asset = (await dashboardAssets()).files.get(file);
    if (asset === undefined)
      throw new ApiError('not_found', `no dashboard file ${JSON.stringify(file.slice(0, 64))}`);
    return send(req, reply, asset, false);
  });
}
