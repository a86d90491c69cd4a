import { resolve } from 'node:path';
import type { ProductContext } from '@tacit/core/context';
import type { DatasetCard } from '@tacit/core/datasets';
import {
  DEFAULT_PROJECT_ID,
  exportToFiles,
  llmErrorModes,
  type ExportHooks,
  type ExportOptionsInput,
} from '@tacit/server';
import type { Output } from '../output.ts';
import { progressBar, type Progress } from '../progress.ts';
import { openTargetStore, runningServer, type ResolvedTarget } from '../target.ts';
import { loadContext } from '../context.ts';

export interface ExportCommandOptions {
  project?: string;
  out?: string;
  /** `chat`, `code`, `writing`, `support`, or a context file (YAML/JSON); default the project's active context. */
  context?: string;
  llmUrl?: string;
  llmModel?: string;
  llmApiKey?: string;
  json?: boolean;
}

/** A read-mostly export needs no big buffer pool: keep the embedded database's memory small. */
const EXPORT_PG_SETTINGS = { shared_buffers: '16MB' };

function summary(card: DatasetCard, paths: Record<string, string>): string {
  const sources = Object.entries(card.counts.source)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `exported ${card.splits.data ?? 0} ${card.kind} rows${sources ? ` (${sources})` : ''} from ${card.sessions} sessions to ${paths.data}`,
    ...(card.splits.anchors !== undefined
      ? [`anchors: ${card.splits.anchors} rows in ${paths.anchors}`]
      : []),
    `card: ${paths.card} (context ${card.context.version} ${card.context.hash.slice(0, 12)}, seed ${card.seed})`,
  ].join('\n');
}

/**
 * `tacit export KIND`: streams the project's sessions, labels them, and writes the dataset and
 * its card. On an embedded data directory that `tacit start` serves, the server runs the export
 * (its admin API writes the files on this machine and streams progress); otherwise the CLI opens
 * the database itself. Returns the exit code.
 */
export async function exportCommand(
  t: ResolvedTarget,
  options: ExportOptionsInput,
  o: ExportCommandOptions,
  out: Output,
): Promise<number> {
  const projectId = o.project ?? DEFAULT_PROJECT_ID;
  const ext = options.format ?? 'jsonl';
  const file = resolve(o.out ?? `tacit-${options.kind}.${ext}`);
  const context = o.context === undefined ? undefined : loadContext(o.context);
  const llm =
    o.llmUrl && o.llmModel
      ? { url: o.llmUrl, model: o.llmModel, ...(o.llmApiKey ? { apiKey: o.llmApiKey } : {}) }
      : undefined;
  let bar: Progress | undefined;
  const hooks: ExportHooks = {
    onProgress: (p) => {
      bar ??= progressBar(out, Math.max(1, p.total), `exporting ${options.kind}`, ' sessions');
      bar.update(p.sessions);
    },
    onWarning: (w) => out.stderr(`\n!!! WARNING: ${w}\n`),
    ...(context ? { context } : {}),
    ...(llm ? { errorModes: llmErrorModes(llm) } : {}),
  };
  let result: { card: DatasetCard; paths: Record<string, string> };
  try {
    const server = runningServer(t);
    if (server) {
      result = await viaServer(
        server.url,
        server.adminToken,
        projectId,
        { options, out: file, context, llm },
        hooks,
      );
    } else {
      const store = await openTargetStore(t, EXPORT_PG_SETTINGS);
      try {
        result = await exportToFiles(store, projectId, options, file, hooks);
      } finally {
        await store.close();
      }
    }
  } finally {
    bar?.stop();
  }
  out.stdout(
    o.json ? JSON.stringify({ card: result.card, paths: result.paths }) : summary(result.card, result.paths),
  );
  return 0;
}

/** Runs the export in the server that owns the data directory; its NDJSON lines drive the hooks. */
async function viaServer(
  url: string,
  token: string,
  projectId: string,
  body: { options: ExportOptionsInput; out: string; context: ProductContext | undefined; llm: unknown },
  hooks: ExportHooks,
): Promise<{ card: DatasetCard; paths: Record<string, string> }> {
  const res = await fetch(`${url}/v1/admin/projects/${encodeURIComponent(projectId)}/exports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      options: body.options,
      out: body.out,
      ...(body.context ? { context: body.context } : {}),
      ...(body.llm ? { errorModesLlm: body.llm } : {}),
    }),
  });
  if (!res.ok || res.body === null) {
    const j = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(`export through the running server failed: ${j.error?.message ?? res.status}`);
  }
  let rest = '';
  let done: { card: DatasetCard; paths: Record<string, string> } | undefined;
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  for (;;) {
    const { done: finished, value } = await reader.read();
    if (finished) break;
    rest += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = JSON.parse(rest.slice(0, nl)) as {
        progress?: { sessions: number; total: number; rows: number };
        warning?: string;
        error?: string;
        card?: DatasetCard;
        paths?: Record<string, string>;
      };
      rest = rest.slice(nl + 1);
      if (line.progress) hooks.onProgress?.(line.progress);
      if (line.warning) hooks.onWarning?.(line.warning);
      if (line.error) throw new Error(line.error);
      if (line.card && line.paths) done = { card: line.card, paths: line.paths };
    }
  }
  if (!done) throw new Error('the server ended the export without a card');
  return done;
}
