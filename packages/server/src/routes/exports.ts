import { PassThrough } from 'node:stream';
import { resolveContext, type ProductContext } from '@tacit/core/context';
import { COLUMNS, ERROR_MODES, TRAINING_KINDS } from '@tacit/core/datasets';
import { STRATEGIES } from '@tacit/core/sampling';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { checkExportOptions, parseExportOptions, type ExportOptions } from '../export/options.ts';
import { runExport, type ExportHooks } from '../export/pipeline.ts';
import { splitsOf } from '../export/files.ts';
import { exportToFiles } from '../export/to-files.ts';
import { llmErrorModes } from '../export/llm-error-modes.ts';
import { CONTENT_TYPES, nullWriter, writerFor } from '../export/writers/index.ts';
import { parseParams } from '../query.ts';
import { errorText } from '@tacit/core';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const num = z.coerce.number();

/** The export options as query parameters (`sample` comma-separated), and which split to send. */
const exportQuery = z.object({
  format: z.enum(['jsonl', 'csv', 'parquet']).optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  modelVersion: z.string().optional(),
  minConfidence: num.optional(),
  sample: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(STRATEGIES)))
    .optional(),
  seed: num.optional(),
  quota: num.optional(),
  minReformulations: num.optional(),
  worstCohorts: num.optional(),
  minCohortSize: num.optional(),
  halfLifeDays: num.optional(),
  promptPolicy: z.enum(['final_phrasing', 'original']).optional(),
  minEditRatio: num.optional(),
  dedupeThreshold: num.optional(),
  trainingVersion: z.string().optional(),
  allowSameVersionAnchors: bool.optional(),
  includeOpen: bool.optional(),
  /** `data` (default), `anchors`, `meta` (OpenAI sidecar), an error mode (regression), or `card`. */
  part: z.string().default('data'),
});
const kindParams = z.object({ kind: z.enum(['dpo', 'kto', 'openai-preference', 'eval', 'regression']) });
const projectParams = z.object({ projectId: z.string().min(1).max(256) });
const adminBody = z.object({
  options: z.record(z.string(), z.unknown()),
  out: z.string().min(1).max(4096),
  /** A product context (resolved like a context file) to label under instead of the active one. */
  context: z.record(z.string(), z.unknown()).optional(),
  /** An OpenAI-compatible endpoint for error modes, instead of the server's. */
  errorModesLlm: z
    .object({ url: z.url(), model: z.string().min(1), apiKey: z.string().optional() })
    .optional(),
});

function optionsOf(kind: string, q: z.infer<typeof exportQuery>): ExportOptions {
  const { part: _part, ...rest } = q;
  const r = checkExportOptions(
    { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), kind },
    'query.',
  );
  if (!r.ok) throw new ApiError('bad_request', r.message);
  return r.value;
}

function hooksOf(ctx: AppContext): ExportHooks {
  const llm = ctx.config.errorModesLlm;
  return llm ? { errorModes: llmErrorModes(llm) } : {};
}

/**
 * Dataset exports. `GET /v1/exports/:kind` (secret key) streams one split of an export as it is
 * computed — the same rows, bytes and card as `tacit export` — so a million-row export never sits
 * in memory. `POST /v1/admin/projects/:projectId/exports` (admin token, `tacit start` only) writes
 * the files on this machine and streams progress as NDJSON: what the CLI uses while the server
 * owns the embedded database.
 */
export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/exports/:kind', async (req, reply) => {
    const { projectId } = await ctx.keys.requireSecret(req);
    const { kind } = parseParams(kindParams, req.params, 'params');
    const q = parseParams(exportQuery, req.query, 'query');
    const o = optionsOf(kind, q);
    const splits = splitsOf(o.kind);
    if (q.part !== 'card' && !splits.includes(q.part))
      throw new ApiError('bad_request', `query.part: expected one of ${[...splits, 'card'].join(', ')}`);
    if (TRAINING_KINDS.includes(o.kind) && (await ctx.store.anchors.count(projectId)) === 0)
      void reply.header(
        'x-tacit-warning',
        'training set without anchors: import an anchor set (tacit anchors import)',
      );
    if (q.part === 'card') {
      return runExport(ctx.store, projectId, o, () => nullWriter, hooksOf(ctx));
    }
    const format = q.part === 'meta' ? 'jsonl' : o.format;
    const stream = new PassThrough();
    const name = `tacit-${o.kind}${q.part === 'data' ? '' : `.${q.part}`}.${format}`;
    void reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(stream);
    runExport(
      ctx.store,
      projectId,
      o,
      (split) => (split === q.part ? writerFor(format, stream, COLUMNS[o.kind]) : nullWriter),
      hooksOf(ctx),
    ).catch((err: unknown) => {
      req.log.error({ err }, 'export failed');
      stream.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return reply;
  });

  if (ctx.config.adminToken === undefined) return;
  const requireAdmin = (req: FastifyRequest) => ctx.keys.requireAdmin(req);

  app.post('/v1/admin/projects/:projectId/exports', async (req, reply) => {
    requireAdmin(req);
    const { projectId } = parseParams(projectParams, req.params, 'params');
    const body = parseParams(adminBody, req.body, 'params');
    // The schema only: what runs into a rule across fields is told on the progress stream.
    const r = parseExportOptions(body.options, 'options.');
    if (!r.ok) throw new ApiError('bad_request', r.message);
    let context: ProductContext | undefined;
    if (body.context) {
      const c = resolveContext(body.context);
      if (!c.ok) throw new ApiError('bad_request', errorText(c.errors, 'context.'));
      context = c.value;
    }
    const llm = body.errorModesLlm;
    return streamNdjson(reply, async (line) => {
      const { card, paths } = await exportToFiles(ctx.store, projectId, r.value, body.out, {
        ...hooksOf(ctx),
        ...(llm
          ? {
              errorModes: llmErrorModes({
                url: llm.url,
                model: llm.model,
                ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
              }),
            }
          : {}),
        ...(context ? { context } : {}),
        onProgress: (progress) => line({ progress }),
        onWarning: (warning) => line({ warning }),
      });
      line({ card, paths });
    });
  });
}

/** Answers with NDJSON lines written by `run`; an error becomes a last `{"error"}` line. */
function streamNdjson(reply: FastifyReply, run: (line: (o: unknown) => void) => Promise<void>): FastifyReply {
  const stream = new PassThrough();
  void reply.type('application/x-ndjson; charset=utf-8').send(stream);
  const line = (o: unknown) => stream.write(`${JSON.stringify(o)}\n`);
  run(line)
    .catch((err: unknown) => line({ error: err instanceof Error ? err.message : String(err) }))
    .finally(() => stream.end());
  return reply;
}

export const EXPORT_PARTS = ['data', 'anchors', 'meta', 'card', ...ERROR_MODES] as const;
