import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isBuiltinContextName } from '@tacit/core';
import { LabelWorker } from '@tacit/worker';
import { call, withApi } from '../api.ts';
import type { Output } from '../output.ts';
import { progressBar } from '../progress.ts';
import type { ResolvedTarget } from '../target.ts';

/** The request that activates a context given as a built-in name or a file. */
export function contextRequest(spec: string): { body: unknown; contentType: string } {
  if (isBuiltinContextName(spec))
    return { body: { extends: spec, version: spec }, contentType: 'application/json' };
  const text = readFileSync(spec, 'utf8');
  const yaml = ['.yaml', '.yml'].includes(extname(spec).toLowerCase());
  return { body: text, contentType: yaml ? 'application/yaml' : 'application/json' };
}

/**
 * `tacit label --backfill [--context FILE|chat|code|writing|support]`: recomputes every session of
 * a project under its (new) context, with a progress bar. Through a running server its labeling
 * loop does the work and this command follows the count of dirty sessions; otherwise it labels
 * in this process.
 */
export async function backfill(
  t: ResolvedTarget,
  o: { project: string; context?: string },
  out: Output,
): Promise<number> {
  return withApi(t, async (api) => {
    let sessions: number;
    if (o.context !== undefined) {
      const r = await call<{ hash: string; version: string; backfill: number }>(
        api,
        'PUT',
        '/v1/context?backfill=true',
        {
          ...contextRequest(o.context),
          project: o.project,
        },
      );
      out.stderr(`context ${r.version} (${r.hash.slice(0, 12)}) is active for project ${o.project}`);
      sessions = r.backfill;
    } else {
      sessions = (await call<{ sessions: number }>(api, 'POST', '/v1/backfill', { project: o.project }))
        .sessions;
    }
    const bar = progressBar(out, sessions, `labeling ${o.project}`, ' sessions');
    try {
      if (api.store) {
        const worker = new LabelWorker({ store: api.store, projectId: o.project, batch: 200 });
        await worker.drain({ onProgress: (n) => bar.update(Math.min(n, sessions)) });
      } else {
        for (;;) {
          const { dirty } = await call<{ dirty: number }>(api, 'GET', '/v1/labeling/status', {
            project: o.project,
          });
          bar.update(Math.max(0, sessions - dirty));
          if (dirty === 0) break;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      bar.update(sessions);
    } finally {
      bar.stop();
    }
    out.stdout(`relabeled ${sessions} sessions of project ${o.project}`);
    return 0;
  });
}

/** `tacit context show|set`. */
export async function contextCommand(
  t: ResolvedTarget,
  o: { project: string; set?: string; backfill?: boolean; json?: boolean },
  out: Output,
): Promise<number> {
  if (o.set !== undefined && o.backfill) return backfill(t, { project: o.project, context: o.set }, out);
  return withApi(t, async (api) => {
    if (o.set !== undefined) {
      const r = await call(api, 'PUT', '/v1/context', { ...contextRequest(o.set), project: o.project });
      out.stdout(JSON.stringify(r));
      return 0;
    }
    const r = await call<{ source: string; hash: string; version: string; context: unknown }>(
      api,
      'GET',
      '/v1/context',
      {
        project: o.project,
      },
    );
    out.stdout(
      o.json
        ? JSON.stringify(r)
        : `${r.source} context ${r.version} (${r.hash})\n${JSON.stringify(r.context, null, 2)}`,
    );
    return 0;
  });
}
