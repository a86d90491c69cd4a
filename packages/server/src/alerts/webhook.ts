import { describeEvaluation, type AlertEvaluation, type AlertEvent } from '@tacit/core/monitor';

/** Where and how to deliver alert notifications. */
export interface WebhookOptions {
  /** The endpoint (a Slack incoming webhook, or any service that accepts JSON). */
  url: string;
  /** Attempts before giving up, the first one included. Default 5. */
  maxAttempts?: number;
  /** First backoff delay; doubles each attempt, with full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff delay. Default 30 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this gives up instead of waiting. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs?: number;
  /** Extra headers (e.g. an authorization token for the receiver). */
  headers?: Record<string, string>;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; default Math.random. */
  random?: () => number;
}

/** What happened to a delivery. Never thrown: delivery failures are values. */
export type DeliveryOutcome =
  | { ok: true; attempts: number; status: number }
  | { ok: false; attempts: number; status?: number; error: string };

/** The JSON posted: Slack's `text` and `blocks`, and the alert itself under `tacit`. */
export interface WebhookBody {
  text: string;
  blocks: unknown[];
  tacit: {
    event: Omit<AlertEvent, 'evaluation' | 'at' | 'openedAt'> & { at: string; openedAt: string };
    evaluation: AlertEvaluation;
  };
}

/** The Slack-compatible body for an alert event. */
export function webhookBody(event: AlertEvent): WebhookBody {
  const state = event.type === 'fired' ? 'FIRING' : 'RESOLVED';
  const summary = describeEvaluation(event.evaluation);
  const why = event.reason === 'not_evaluated' ? ' (no longer evaluated)' : '';
  const { evaluation, at, openedAt, ...rest } = event;
  return {
    text: `[${state}] ${event.ruleId}${why}: ${summary}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `[${state}] Tacit alert ${event.ruleId}${why}` } },
      { type: 'section', text: { type: 'mrkdwn', text: summary } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `project ${event.projectId} · opened ${new Date(openedAt).toISOString()} · key ${event.dedupeKey}`,
          },
        ],
      },
    ],
    tacit: {
      event: { ...rest, at: new Date(at).toISOString(), openedAt: new Date(openedAt).toISOString() },
      evaluation,
    },
  };
}

/** Seconds or an HTTP date, as ms from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Version names may hold any text; header values must be visible ASCII. */
function headerSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs an alert event as JSON with `Idempotency-Key: <event id>` (the dedupe key, when it
 * opened, and whether it fired or resolved: the same on every retry and every recomputation, so a
 * receiver that honours it never shows one transition twice). Retries network errors, timeouts,
 * 408, 429 and 5xx with exponential backoff and full jitter, waiting as long as Retry-After says;
 * any other status gives up at once. Never throws.
 *
 * @example
 * const outcome = await deliverWebhook(event, { url: process.env.TACIT_ALERT_WEBHOOK! });
 * if (!outcome.ok) log.warn({ outcome }, 'alert not delivered');
 */
export async function deliverWebhook(event: AlertEvent, options: WebhookOptions): Promise<DeliveryOutcome> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  let protocol: string | undefined;
  try {
    protocol = new URL(options.url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return { ok: false, attempts: 0, error: `not an http(s) URL: ${options.url}` };
  }
  let body: string;
  try {
    body = JSON.stringify(webhookBody(event));
  } catch (err) {
    return { ok: false, attempts: 0, error: `cannot serialise the alert: ${(err as Error).message}` };
  }
  let last: DeliveryOutcome = { ok: false, attempts: 0, error: 'not attempted' };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let wait = Math.min(maxDelay, base * 2 ** (attempt - 1)) * random();
    try {
      const res = await doFetch(options.url, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'user-agent': 'tacit-alerts',
          'idempotency-key': headerSafe(event.id),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined); // free the connection
      if (res.ok) return { ok: true, attempts: attempt, status: res.status };
      last = { ok: false, attempts: attempt, status: res.status, error: `HTTP ${res.status}` };
      if (!retryable(res.status)) return last;
      const after = retryAfterMs(res.headers.get('retry-after'), Date.now());
      if (after !== undefined) {
        if (after > maxRetryAfter)
          return { ...last, error: `HTTP ${res.status}, Retry-After ${after} ms is too long` };
        wait = after;
      }
    } catch (err) {
      const e = err as Error;
      const cause = (e.cause as Error | undefined)?.message;
      last = { ok: false, attempts: attempt, error: cause ? `${e.message}: ${cause}` : e.message };
    }
    if (attempt < maxAttempts) await sleep(wait);
  }
  return last;
}
