import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  DEFAULT_ALERT_CONFIG,
  WINDOW_MS,
  evaluateRules,
  reconcileAlerts,
  validateAlertConfig,
  windowStart,
  type AlertConfig,
  type AlertEvaluation,
  type AlertEvent,
  type AlertRule,
  type RollupRow,
  type WindowSize,
} from '@tacit/core/monitor';
import type { Store } from '@tacit/store';
import { deliverWebhook, type DeliveryOutcome, type WebhookOptions } from './webhook.ts';
import { errorText } from '@tacit/core';

export interface AlertSchedulerOptions {
  store: Store;
  /** Unique per scheduler; default host:pid:random. */
  id?: string;
  /** How often every project is evaluated. Default 60 s. */
  intervalMs?: number;
  /** A project is evaluated at most this often, across all schedulers sharing the database. Default 10 s. */
  minIntervalMs?: number;
  /** Wait after `nudge` (new labels), so that a burst of labeled sessions gives one evaluation. Default 2 s. */
  debounceMs?: number;
  /** Rules of projects that have not set their own. Default `DEFAULT_ALERT_CONFIG`. */
  defaultConfig?: AlertConfig;
  /** Delivery settings beside the configured URL (backoff, timeout; `fetch` for tests). */
  webhook?: Omit<WebhookOptions, 'url'>;
  /** Undelivered events are retried on later evaluations for this long. Default 24 h. */
  redeliverForMs?: number;
  now?: () => number;
  /** Called after each evaluation of a project. */
  onEvaluated?: (result: ProjectEvaluation) => void;
  /** Called when a delivery failed for good on this attempt (it is retried on a later evaluation). */
  onError?: (error: unknown, projectId?: string) => void;
}

/** What one evaluation of a project did. */
export interface ProjectEvaluation {
  projectId: string;
  at: number;
  source: 'project' | 'default';
  evaluations: AlertEvaluation[];
  /** Transitions stored by this evaluation (fired, resolved). */
  events: AlertEvent[];
  deliveries: { id: string; outcome: DeliveryOutcome }[];
}

/** The rules of a project: its own, or the defaults. */
export async function projectAlertConfig(
  store: Store,
  projectId: string,
  defaults: AlertConfig = DEFAULT_ALERT_CONFIG,
): Promise<{ config: AlertConfig; source: 'project' | 'default' }> {
  const stored = await store.alerts.getConfig(projectId);
  if (stored === undefined) return { config: defaults, source: 'default' };
  const r = validateAlertConfig(stored.config);
  if (!r.ok) {
    throw new Error(`stored alert rules of ${projectId} no longer validate: ${errorText(r.errors)}`);
  }
  return { config: r.value, source: 'project' };
}

/**
 * The rollups the rules read: per window size, from the earliest window any rule looks at (all
 * of them for a compare rule without `lookback`), with the cohort rows the rules filter or split on.
 */
export async function rowsForRules(
  store: Store,
  projectId: string,
  rules: readonly AlertRule[],
  now: number,
): Promise<RollupRow[]> {
  const needs = new Map<WindowSize, { from: number | null; cohorts: Set<string> }>();
  for (const rule of rules) {
    const size = WINDOW_MS[rule.window];
    const to = windowStart(now, rule.window) + size;
    const windows = rule.type === 'compare' ? rule.lookback : rule.lookback + (rule.baseline.windows ?? 0);
    const from = windows === undefined ? null : to - windows * size;
    const need = needs.get(rule.window) ?? { from, cohorts: new Set<string>() };
    need.from = need.from === null || from === null ? null : Math.min(need.from, from);
    for (const key of Object.keys(rule.cohort ?? {})) need.cohorts.add(key);
    if (rule.split?.startsWith('cohort:')) need.cohorts.add(rule.split.slice('cohort:'.length));
    needs.set(rule.window, need);
  }
  const rows = await Promise.all(
    [...needs].map(([window, need]) =>
      store.monitor.rollups(projectId, {
        window,
        ...(need.from !== null ? { from: new Date(need.from) } : {}),
        cohorts: [...need.cohorts],
      }),
    ),
  );
  return rows.flat();
}

/**
 * Evaluates alert rules on the rollups, per project, periodically and soon after new labels;
 * opens and resolves alerts (`reconcileAlerts`), keeps their history, and delivers each
 * transition to the project's webhook (Slack-compatible JSON) with retries. Safe to run in
 * several processes on one database: a project's evaluation slot goes to one scheduler at a time,
 * the state change is serialised on the project's schedule row, each event is stored once under
 * its idempotent id (also sent as `Idempotency-Key`), and a delivery is claimed before it is sent.
 *
 * @example
 * const scheduler = new AlertScheduler({ store });
 * scheduler.start();                       // and scheduler.nudge(projectId) after labeling
 * await scheduler.stop();
 */
export class AlertScheduler {
  readonly id: string;
  private readonly o: Required<
    Pick<AlertSchedulerOptions, 'intervalMs' | 'minIntervalMs' | 'debounceMs' | 'redeliverForMs' | 'now'>
  > &
    AlertSchedulerOptions;
  private timer: NodeJS.Timeout | undefined;
  private nudgeTimer: NodeJS.Timeout | undefined;
  private readonly nudged = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private running = false;

  constructor(options: AlertSchedulerOptions) {
    this.o = {
      intervalMs: 60_000,
      minIntervalMs: 10_000,
      debounceMs: 2000,
      redeliverForMs: 86_400_000,
      now: Date.now,
      ...options,
    };
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /**
   * Evaluates one project now and delivers what changed. Without `force`, it does nothing (and
   * returns undefined) when any scheduler evaluated the project less than `minIntervalMs` ago.
   */
  async evaluateProject(
    projectId: string,
    options: { force?: boolean } = {},
  ): Promise<ProjectEvaluation | undefined> {
    const { store } = this.o;
    if (!options.force && !(await store.alerts.claimEvaluation(projectId, this.id, this.o.minIntervalMs))) {
      return undefined;
    }
    const now = this.o.now();
    const { config, source } = await projectAlertConfig(store, projectId, this.o.defaultConfig);
    const [rows, versions] = await Promise.all([
      rowsForRules(store, projectId, config.rules, now),
      store.monitor.versions(projectId),
    ]);
    const evaluations = evaluateRules(config.rules, rows, { now, versions }).filter(
      (e) => e.projectId === projectId,
    );
    const events = await store.alerts.reconcile(
      projectId,
      (open) => reconcileAlerts(open, evaluations, { now }),
      config.webhook ? 'pending' : 'none',
    );
    const deliveries = config.webhook ? await this.deliver(projectId, config.webhook) : [];
    const result = { projectId, at: now, source, evaluations, events, deliveries };
    this.o.onEvaluated?.(result);
    return result;
  }

  /** Sends the project's undelivered events (this evaluation's, and earlier failures). */
  private async deliver(
    projectId: string,
    webhook: NonNullable<AlertConfig['webhook']>,
  ): Promise<ProjectEvaluation['deliveries']> {
    const { store } = this.o;
    const maxAttempts = webhook.maxAttempts ?? this.o.webhook?.maxAttempts ?? 5;
    const timeoutMs = webhook.timeoutMs ?? this.o.webhook?.timeoutMs ?? 10_000;
    // The claim outlives every attempt of one delivery, so no other scheduler sends it meanwhile.
    const leaseMs = maxAttempts * (timeoutMs + (this.o.webhook?.maxDelayMs ?? 30_000)) + 10_000;
    const claimed = await store.alerts.claimDeliveries(projectId, {
      leaseMs,
      maxAgeMs: this.o.redeliverForMs,
      maxAttempts: maxAttempts * 4,
    });
    const out: ProjectEvaluation['deliveries'] = [];
    for (const event of claimed) {
      const outcome = await deliverWebhook(event, {
        ...this.o.webhook,
        url: webhook.url,
        maxAttempts,
        timeoutMs,
      });
      await store.alerts.recordDelivery(projectId, event.id, outcome);
      if (!outcome.ok)
        this.o.onError?.(new Error(`alert ${event.id} not delivered: ${outcome.error}`), projectId);
      out.push({ id: event.id, outcome });
    }
    return out;
  }

  /** Evaluates every project with monitoring data or rules (those due). */
  async runOnce(): Promise<ProjectEvaluation[]> {
    const out: ProjectEvaluation[] = [];
    for (const projectId of await this.o.store.monitor.projects()) {
      try {
        const r = await this.evaluateProject(projectId);
        if (r) out.push(r);
      } catch (err) {
        this.o.onError?.(err, projectId);
      }
    }
    return out;
  }

  /** New labels in a project: evaluate it soon (debounced). */
  nudge(projectId: string): void {
    if (!this.running) return;
    this.nudged.add(projectId);
    if (this.nudgeTimer !== undefined) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = undefined;
      const projects = [...this.nudged];
      this.nudged.clear();
      this.enqueue(async () => {
        for (const p of projects) {
          try {
            await this.evaluateProject(p);
          } catch (err) {
            this.o.onError?.(err, p);
          }
        }
      });
    }, this.o.debounceMs);
  }

  /** Evaluations run one at a time in this scheduler. */
  private enqueue(task: () => Promise<unknown>): void {
    this.chain = this.chain.then(task).then(
      () => undefined,
      (err: unknown) => this.o.onError?.(err),
    );
  }

  /** Evaluates every `intervalMs` (the first run at once) until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.enqueue(() => this.runOnce());
      this.timer = setTimeout(tick, this.o.intervalMs);
    };
    tick();
  }

  /** Stops scheduling and waits for the evaluation in hand. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    clearTimeout(this.nudgeTimer);
    this.nudgeTimer = undefined;
    this.nudged.clear();
    await this.chain;
  }
}
