import type { StoredLabel, StoredOutcome, SignalRecord } from '@tacit/store';
import { call, withApi } from '../api.ts';
import type { Output } from '../output.ts';
import type { ResolvedTarget } from '../target.ts';
import { table } from '../table.ts';

export interface LabelListOptions {
  project: string;
  modelVersion?: string;
  grade?: string;
  route?: string;
  signal?: string;
  since?: string;
  until?: string;
  limit: number;
  json?: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function labelRows(labels: StoredLabel[]): string[][] {
  return [
    ['generation', 'at', 'model version', 'P(good)', 'conf', 'grade', 'route', 'signals'],
    ...labels.map((l) => [
      l.generationId,
      l.at.slice(0, 19),
      l.modelVersion ?? '',
      l.pGood.toFixed(2),
      pct(l.confidence),
      `${l.grade ?? '-'}${l.mixed ? ' (mixed)' : ''}`,
      l.route,
      l.signalKinds.join(','),
    ]),
  ];
}

/** `tacit labels list`: labels filtered by model version, grade, route, signal, time. */
export async function labelsList(t: ResolvedTarget, o: LabelListOptions, out: Output): Promise<number> {
  const q = new URLSearchParams({ limit: String(o.limit) });
  for (const k of ['modelVersion', 'grade', 'route', 'signal', 'since', 'until'] as const) {
    const v = o[k];
    if (v !== undefined) q.set(k, v);
  }
  return withApi(t, async (api) => {
    const r = await call<{ labels: StoredLabel[]; next: string | null }>(
      api,
      'GET',
      `/v1/labels?${q.toString()}`,
      {
        project: o.project,
      },
    );
    if (o.json) out.stdout(JSON.stringify(r));
    else out.stdout(r.labels.length === 0 ? 'no labels match' : table(labelRows(r.labels)));
    return 0;
  });
}

function signalRows(signals: SignalRecord[]): string[][] {
  return [
    ['signal', 'generation', 'polarity', 'strength', 'evidence'],
    ...signals.map((s) => [
      s.kind,
      s.generationId ?? '(session)',
      s.polarity,
      s.strength.toFixed(2),
      s.evidence.join(' '),
    ]),
  ];
}

/** `tacit labels show GENERATION`: its label and the signals behind it. */
export async function labelsShow(
  t: ResolvedTarget,
  id: string,
  o: { project: string; json?: boolean },
  out: Output,
) {
  return withApi(t, async (api) => {
    const r = await call<{ label: StoredLabel | null; signals: SignalRecord[] }>(
      api,
      'GET',
      `/v1/generations/${encodeURIComponent(id)}/labels`,
      { project: o.project },
    );
    if (o.json) out.stdout(JSON.stringify(r));
    else {
      out.stdout(r.label ? table(labelRows([r.label])) : 'not labeled yet');
      if (r.signals.length > 0) out.stdout(`\n${table(signalRows(r.signals))}`);
    }
    return 0;
  });
}

/** `tacit labels session SESSION`: its labels, signals and outcome. */
export async function labelsSession(
  t: ResolvedTarget,
  id: string,
  o: { project: string; json?: boolean },
  out: Output,
) {
  return withApi(t, async (api) => {
    const r = await call<{
      dirty: boolean;
      labels: StoredLabel[];
      signals: SignalRecord[];
      outcome: StoredOutcome | null;
    }>(api, 'GET', `/v1/sessions/${encodeURIComponent(id)}/labels`, { project: o.project });
    if (o.json) {
      out.stdout(JSON.stringify(r));
      return 0;
    }
    const outcome = r.outcome
      ? `outcome: ${r.outcome.status} (${r.outcome.reason}), ${r.outcome.retries} retries, ${r.outcome.generations} generations`
      : 'outcome: not labeled yet';
    out.stdout(`${outcome}${r.dirty ? ' — newer events are waiting to be labeled' : ''}`);
    if (r.labels.length > 0) out.stdout(`\n${table(labelRows(r.labels))}`);
    if (r.signals.length > 0) out.stdout(`\n${table(signalRows(r.signals))}`);
    return 0;
  });
}
