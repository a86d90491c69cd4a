import { describe, expect, it } from 'vitest';
import type { AlertEvaluation } from './evaluate.ts';
import { reconcileAlerts, type OpenAlert } from './state.ts';

function evaluation(key: string, status: AlertEvaluation['status']): AlertEvaluation {
  return {
    type: 'cusum',
    ruleId: 'drift',
    projectId: 'p',
    metric: 'rate:rephrase_retry',
    direction: 'increase',
    dedupeKey: key,
    status,
    segment: null,
    span: { window: 'hour', from: 0, to: 1 },
    current: { sessions: 10, successes: 2, trials: 10, rate: 0.2, lower: 0.05, upper: 0.5, designEffect: 1 },
    chart: null,
  };
}

/** Runs evaluations one after another, as a scheduler would; returns every event sent. */
function run(statuses: AlertEvaluation['status'][], resolveAfter = 2) {
  let open: OpenAlert[] = [];
  const sent: string[] = [];
  statuses.forEach((s, i) => {
    const r = reconcileAlerts(open, [evaluation('k', s)], { now: 1000 * i, resolveAfter });
    open = r.open;
    sent.push(...r.events.map((e) => `${e.type}@${e.at}`));
  });
  return { open, sent };
}

describe('reconcileAlerts', () => {
  it('sends an alert once while it stays open', () => {
    const { open, sent } = run(['ok', 'firing', 'firing', 'firing']);
    expect(sent).toEqual(['fired@1000']);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ openedAt: 1000, quietFor: 0 });
  });

  it('resolves after resolveAfter quiet evaluations, not on one quiet blip', () => {
    expect(run(['firing', 'ok', 'firing', 'ok', 'ok']).sent).toEqual(['fired@0', 'resolved@4000']);
  });

  it('neither resolves nor fires on insufficient data', () => {
    expect(run(['firing', 'insufficient', 'insufficient', 'ok', 'insufficient', 'ok']).sent).toEqual([
      'fired@0',
      'resolved@5000',
    ]);
    expect(run(['insufficient', 'insufficient']).sent).toEqual([]);
  });

  it('fires again after resolving, with a new event id', () => {
    let open: OpenAlert[] = [];
    const ids: string[] = [];
    for (const [i, s] of (['firing', 'ok', 'firing'] as const).entries()) {
      const r = reconcileAlerts(open, [evaluation('k', s)], {
        now: Date.UTC(2026, 0, 1, i),
        resolveAfter: 1,
      });
      open = r.open;
      ids.push(...r.events.map((e) => e.id));
    }
    expect(ids).toEqual([
      'k@2026-01-01T00:00:00.000Z/fired',
      'k@2026-01-01T00:00:00.000Z/resolved',
      'k@2026-01-01T02:00:00.000Z/fired',
    ]);
  });

  it('resolves at once an alert that is no longer evaluated (rule removed, a newer version took over)', () => {
    const first = reconcileAlerts([], [evaluation('p|retry|modelVersion=v2>v1', 'firing')], { now: 0 });
    const next = reconcileAlerts(first.open, [evaluation('p|retry|modelVersion=v3>v2', 'ok')], { now: 1 });
    expect(next.open).toEqual([]);
    expect(next.events).toMatchObject([{ type: 'resolved', reason: 'not_evaluated', openedAt: 0 }]);
  });

  it('fires once for a key listed twice', () => {
    const r = reconcileAlerts([], [evaluation('k', 'firing'), evaluation('k', 'firing')], { now: 0 });
    expect(r.events).toHaveLength(1);
    expect(r.open).toHaveLength(1);
  });
});
