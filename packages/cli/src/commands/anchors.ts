import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseAnchor, type Anchor } from '@tacit/core/datasets';
import { DEFAULT_PROJECT_ID } from '@tacit/server';
import { parse } from 'csv-parse/sync';
import type { Output } from '../output.ts';
import { openTargetStore, runningServer, type ResolvedTarget } from '../target.ts';

const BATCH = 1000;

/** The records of a JSONL or CSV anchor file, with their line numbers. */
function records(file: string, format: 'jsonl' | 'csv'): { line: number; value: unknown; error?: string }[] {
  const text = readFileSync(file, 'utf8');
  if (format === 'csv') {
    const rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, info: true });
    return (rows as unknown as { record: Record<string, string>; info: { lines: number } }[])
      .filter((r) => Object.values(r.record).some((v) => v.trim() !== ''))
      .map((r) => ({ line: r.info.lines, value: r.record }));
  }
  return text.split('\n').flatMap((l, i) => {
    if (l.trim() === '') return [];
    try {
      return [{ line: i + 1, value: JSON.parse(l) as unknown }];
    } catch (err) {
      return [{ line: i + 1, value: undefined, error: `not JSON (${(err as Error).message})` }];
    }
  });
}

/**
 * `tacit anchors import FILE`: human-labeled anchors from JSONL or CSV (by extension, or
 * `--format`). A bad record is reported with its line; the good ones are stored. Exit 1 when a
 * record was bad.
 */
export async function importAnchorsCommand(
  t: ResolvedTarget,
  file: string,
  o: { project?: string; format?: 'jsonl' | 'csv' },
  out: Output,
): Promise<number> {
  const projectId = o.project ?? DEFAULT_PROJECT_ID;
  const format = o.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
  const valid: Anchor[] = [];
  let bad = 0;
  for (const r of records(file, format)) {
    const p = r.error === undefined ? parseAnchor(r.value) : { ok: false as const, error: r.error };
    if (p.ok) valid.push(p.value);
    else {
      bad++;
      out.stderr(`line ${r.line}: ${p.error}`);
    }
  }
  const batches: Anchor[][] = [];
  for (let i = 0; i < valid.length; i += BATCH) batches.push(valid.slice(i, i + BATCH));
  const totals = { inserted: 0, updated: 0 };
  const add = (r: { inserted: number; updated: number }) => {
    totals.inserted += r.inserted;
    totals.updated += r.updated;
  };
  const server = runningServer(t);
  if (server) {
    for (const batch of batches) {
      const res = await fetch(`${server.url}/v1/admin/projects/${encodeURIComponent(projectId)}/anchors`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ anchors: batch }),
      });
      const j = (await res.json()) as { inserted: number; updated: number; error?: { message: string } };
      if (!res.ok)
        throw new Error(`anchor import through the running server failed: ${j.error?.message ?? res.status}`);
      add(j);
    }
  } else if (batches.length > 0) {
    // The embedded database is opened once for the whole file, not once per batch.
    const store = await openTargetStore(t);
    try {
      await store.projects.ensure(projectId, projectId);
      for (const batch of batches) add(await store.anchors.upsert(projectId, batch));
    } finally {
      await store.close();
    }
  }
  const { inserted, updated } = totals;
  out.stdout(
    `imported ${file} into project ${projectId}: ${inserted} new anchors, ${updated} updated, ${bad} bad records`,
  );
  return bad > 0 ? 1 : 0;
}
