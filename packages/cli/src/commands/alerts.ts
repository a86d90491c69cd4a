import { readFileSync } from 'node:fs';
import { call, withApi } from '../api.ts';
import type { Output } from '../output.ts';
import { table } from '../table.ts';
import type { ResolvedTarget } from '../target.ts';

interface ReadOptions {
  project: string;
  json?: boolean;
}

/** `tacit alerts rules set FILE`: validates and stores a YAML or JSON alert configuration. */
export async function alertRulesSet(
  t: ResolvedTarget,
  file: string,
  o: ReadOptions,
  out: Output,
): Promise<number> {
  const text = readFileSync(file, 'utf8');
  return withApi(t, async (api) => {
    const r = await api.request<{
      rules: string[];
      webhook: boolean;
      error?: { message: string; details?: { path: string; message: string }[] };
    }>('PUT', '/v1/alerts/rules', { project: o.project, body: text, contentType: 'application/yaml' });
    if (r.status !== 200) {
      const details = r.body.error?.details;
      if (Array.isArray(details)) for (const e of details) out.stderr(`${file}: ${e.path}: ${e.message}`);
      else out.stderr(`${file}: ${r.body.error?.message ?? `HTTP ${r.status}`}`);
      return 1;
    }
    if (o.json) out.stdout(JSON.stringify(r.body));
    else
      out.stdout(
        `${r.body.rules.length} rules set for ${o.project} (${r.body.rules.join(', ') || 'none'}); webhook ${r.body.webhook ? 'configured' : 'not configured: alerts are recorded, not sent'}`,
      );
    return 0;
  });
}

/** `tacit alerts rules show`: the project's rules (or the defaults) as the text they were set from. */
export async function alertRulesShow(t: ResolvedTarget, o: ReadOptions, out: Output): Promise<number> {
  return withApi(t, async (api) => {
    const r = await call<{ source: string; text: string; config: unknown }>(api, 'GET', '/v1/alerts/rules', {
      project: o.project,
    });
    if (o.json) out.stdout(JSON.stringify(r));
    else
      out.stdout(
        `# ${r.source === 'default' ? 'default rules (none set for this project)' : `rules of ${o.project}`}\n${r.text.trimEnd()}`,
      );
    return 0;
  });
}

interface HistoryEntry {
  id: string;
  type: string;
  ruleId: string;
  at: string;
  summary: string;
  delivery: { state: string; attempts: number; error?: string };
}

/** `tacit alerts list`: open alerts, then the history with each webhook delivery. */
export async function alertsList(
  t: ResolvedTarget,
  o: ReadOptions & { limit: number; evaluate?: boolean },
  out: Output,
): Promise<number> {
  return withApi(t, async (api) => {
    if (o.evaluate) await call(api, 'POST', '/v1/alerts/evaluate', { project: o.project });
    const r = await call<{
      open: { ruleId: string; openedAt: string; summary: string }[];
      history: HistoryEntry[];
    }>(api, 'GET', `/v1/alerts?limit=${o.limit}`, { project: o.project });
    if (o.json) {
      out.stdout(JSON.stringify(r));
      return 0;
    }
    printOpenAlerts(out, r.open);
    if (r.history.length > 0) {
      out.stdout('\nhistory:');
      out.stdout(
        table([
          ['at', 'event', 'rule', 'webhook', 'summary'],
          ...r.history.map((e) => [
            e.at.slice(0, 19),
            e.type,
            e.ruleId,
            e.delivery.state === 'failed' ? `failed (${e.delivery.error ?? ''})` : e.delivery.state,
            e.summary,
          ]),
        ]),
      );
    }
    return 0;
  });
}

/** The open alerts, one line each, as `tacit alerts list` and `tacit monitor` print them. */
export function printOpenAlerts(
  out: Output,
  open: readonly { ruleId: string; openedAt: string; summary: string }[],
): void {
  if (open.length === 0) out.stdout('open alerts: none');
  else {
    out.stdout('open alerts:');
    for (const a of open) out.stdout(`  ${a.ruleId} since ${a.openedAt}: ${a.summary}`);
  }
}
