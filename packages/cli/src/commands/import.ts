import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DEFAULT_PROJECT_ID, type IngestResponse } from '@tacit/server';
import { call, openApi } from '../api.ts';
import type { Output } from '../output.ts';
import { progressBar } from '../progress.ts';
import type { ResolvedTarget } from '../target.ts';

export interface ImportOptions {
  project?: string;
  /** Events per batch (≤ 1000, the server's batch limit). */
  batch: number;
  /** Bad lines printed before the rest are only counted. */
  maxErrors: number;
}

export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicate: number;
  bad: number;
}

const MAX_BATCH_BYTES = 2 * 1024 * 1024;

/**
 * `tacit events import FILE.jsonl`: one event per line, streamed in batches. A bad line (not JSON,
 * or not a valid event) is reported with its line number; every good line is stored.
 */
export async function importEvents(
  t: ResolvedTarget,
  file: string,
  o: ImportOptions,
  out: Output,
): Promise<ImportSummary> {
  const size = statSync(file).size;
  const api = await openApi(t);
  const projectId = o.project ?? DEFAULT_PROJECT_ID;
  const summary: ImportSummary = { lines: 0, accepted: 0, duplicate: 0, bad: 0 };
  let printed = 0;
  const reportBad = (line: number, message: string) => {
    summary.bad++;
    if (printed++ < o.maxErrors) out.stderr(`line ${line}: ${message}`);
  };
  const bar = progressBar(out, size, `importing ${file}`, ' bytes');
  let events: unknown[] = [];
  let lineNos: number[] = [];
  let bytes = 0;
  let read = 0;
  const flush = async () => {
    if (events.length === 0) return;
    const r = await call<IngestResponse>(api, 'POST', '/v1/events', { body: { events }, project: projectId });
    summary.accepted += r.accepted;
    summary.duplicate += r.duplicate;
    for (const res of r.results) {
      if (res.status !== 'invalid') continue;
      const prefix = `events[${res.index}]`;
      const what = (res.errors ?? [])
        .map((e) => `${e.path === prefix ? '(event)' : e.path.replace(`${prefix}.`, '')}: ${e.message}`)
        .join('; ');
      reportBad(lineNos[res.index] ?? 0, what);
    }
    events = [];
    lineNos = [];
    bytes = 0;
    bar.update(read);
  };
  try {
    await call(api, 'POST', '/v1/admin/projects', { body: { id: projectId } });
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      summary.lines++;
      read += Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        reportBad(summary.lines, `not JSON (${(err as Error).message})`);
        continue;
      }
      events.push(parsed);
      lineNos.push(summary.lines);
      bytes += line.length;
      if (events.length >= o.batch || bytes >= MAX_BATCH_BYTES) await flush();
    }
    await flush();
  } finally {
    bar.update(size);
    bar.stop();
    await api.close();
  }
  if (printed > o.maxErrors) out.stderr(`… and ${printed - o.maxErrors} more bad lines`);
  out.stdout(
    `imported ${file} into project ${projectId}: ${summary.accepted} stored, ${summary.duplicate} duplicates, ${summary.bad} bad lines (of ${summary.lines})`,
  );
  return summary;
}
