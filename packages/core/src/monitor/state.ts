import { ALERT_DEFAULTS } from './defaults.ts';
import type { AlertEvaluation } from './evaluate.ts';

/** An alert that has fired and not resolved. Stored between evaluations. */
export interface OpenAlert {
  dedupeKey: string;
  ruleId: string;
  projectId: string;
  /** Epoch ms of the evaluation that fired it. */
  openedAt: number;
  /** Consecutive evaluations in which it was quiet (`ok`). */
  quietFor: number;
  /** The latest evaluation that was not `insufficient`. */
  evaluation: AlertEvaluation;
}

/** A transition to notify and keep in the history. */
export interface AlertEvent {
  /** Unique per transition, the same every time it is recomputed: an idempotency key. */
  id: string;
  type: 'fired' | 'resolved';
  dedupeKey: string;
  ruleId: string;
  projectId: string;
  /** Epoch ms of the transition. */
  at: number;
  openedAt: number;
  /** Why it resolved: quiet for `resolveAfter` evaluations, or no longer evaluated (rule removed, a newer version took over). */
  reason?: 'recovered' | 'not_evaluated';
  evaluation: AlertEvaluation;
}

export interface ReconcileOptions {
  now: number;
  /** Quiet evaluations before an open alert resolves; damps flapping near the threshold. Default 3. */
  resolveAfter?: number;
}

function event(
  type: AlertEvent['type'],
  alert: OpenAlert,
  at: number,
  reason?: AlertEvent['reason'],
): AlertEvent {
  return {
    id: `${alert.dedupeKey}@${new Date(alert.openedAt).toISOString()}/${type}`,
    type,
    dedupeKey: alert.dedupeKey,
    ruleId: alert.ruleId,
    projectId: alert.projectId,
    at,
    openedAt: alert.openedAt,
    ...(reason ? { reason } : {}),
    evaluation: alert.evaluation,
  };
}

/**
 * Moves alerts between open and resolved given a new evaluation: an alert fires once when its
 * evaluation starts firing and is not re-sent while it stays open; it resolves after
 * `resolveAfter` consecutive quiet evaluations, or at once when it is no longer evaluated. An
 * `insufficient` evaluation changes nothing. Pass the open alerts of the projects evaluated.
 *
 * @example
 * const { open, events } = reconcileAlerts(await store.openAlerts(projectId), evaluations, { now });
 * for (const e of events) await deliverWebhook(e, { url });
 */
export function reconcileAlerts(
  open: readonly OpenAlert[],
  evaluations: readonly AlertEvaluation[],
  options: ReconcileOptions,
): { open: OpenAlert[]; events: AlertEvent[] } {
  const resolveAfter = options.resolveAfter ?? ALERT_DEFAULTS.resolveAfter;
  const byKey = new Map(evaluations.map((e) => [e.dedupeKey, e]));
  const stillOpen: OpenAlert[] = [];
  const events: AlertEvent[] = [];
  const openKeys = new Set<string>();
  for (const alert of open) {
    openKeys.add(alert.dedupeKey);
    const e = byKey.get(alert.dedupeKey);
    if (e === undefined) {
      events.push(event('resolved', alert, options.now, 'not_evaluated'));
    } else if (e.status === 'firing') {
      stillOpen.push({ ...alert, quietFor: 0, evaluation: e });
    } else if (e.status === 'ok') {
      const next = { ...alert, quietFor: alert.quietFor + 1, evaluation: e };
      if (next.quietFor >= resolveAfter) events.push(event('resolved', next, options.now, 'recovered'));
      else stillOpen.push(next);
    } else {
      stillOpen.push(alert);
    }
  }
  for (const e of evaluations) {
    if (e.status !== 'firing' || openKeys.has(e.dedupeKey)) continue;
    openKeys.add(e.dedupeKey);
    const alert: OpenAlert = {
      dedupeKey: e.dedupeKey,
      ruleId: e.ruleId,
      projectId: e.projectId,
      openedAt: options.now,
      quietFor: 0,
      evaluation: e,
    };
    stillOpen.push(alert);
    events.push(event('fired', alert, options.now));
  }
  return { open: stillOpen, events };
}
