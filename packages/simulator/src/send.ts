import type { TacitEvent } from '@tacit/core';

/** Where and how to send events: a Tacit server's ingestion API. */
export interface SendOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:3000`; events go to `${endpoint}/v1/events`. */
  endpoint: string;
  /** An API key allowed to write events (sent as `Authorization: Bearer <key>`). */
  key: string;
  /** Events per request (default 100). */
  batchSize?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Retries of one batch on 429, 5xx and network errors before giving up (default 8). */
  maxRetries?: number;
  /** First backoff step and its cap, in milliseconds (defaults 250 and 10 000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured, in milliseconds (default 60 000). */
  maxRetryAfterMs?: number;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Called after every batch that completes. */
  onProgress?: (progress: SendProgress) => void;
  /** Injected for tests; default global `fetch`, `Math.random` and `setTimeout`. */
  fetch?: typeof fetch;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Counts so far; `invalid` events are listed (first 20) in `invalidSamples`. */
export interface SendProgress {
  /** Events acknowledged by the server. */
  sent: number;
  accepted: number;
  duplicate: number;
  invalid: number;
  batches: number;
  /** Requests that were retried. */
  retries: number;
}

export interface SendResult extends SendProgress {
  invalidSamples: { id: string; errors: { path: string; message: string }[] }[];
}

/** A batch the server refused for good (a 4xx other than 429, or retries exhausted). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly body: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

interface BatchAnswer {
  results?: {
    index: number;
    id: string;
    status: 'accepted' | 'duplicate' | 'invalid';
    errors?: { path: string; message: string }[];
  }[];
  accepted?: number;
  duplicate?: number;
  invalid?: number;
}

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date), if any. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Sends events to a Tacit server in batches, several requests at a time, retrying 429 and 5xx
 * answers and network errors with jittered exponential backoff (honouring `Retry-After`).
 * Reads ahead at most `concurrency` batches, so any number of events can be streamed through.
 * Rejects with a `SendError` when a batch cannot be delivered.
 *
 * @example
 * await sendEvents({ endpoint: 'http://127.0.0.1:3000', key, onProgress: (p) => bar.update(p.sent) }, simulateEvents({ events: 100_000 }));
 */
export async function sendEvents(
  options: SendOptions,
  events: AsyncIterable<TacitEvent> | Iterable<TacitEvent>,
): Promise<SendResult> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/events`;
  const result: SendResult = {
    sent: 0,
    accepted: 0,
    duplicate: 0,
    invalid: 0,
    batches: 0,
    retries: 0,
    invalidSamples: [],
  };
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;

  const launch = (batch: TacitEvent[]) => {
    const p = postBatch(options, url, batch, result)
      .then(() => {
        const { invalidSamples: _, ...progress } = result;
        options.onProgress?.(progress);
      })
      .catch((e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  let batch: TacitEvent[] = [];
  for await (const event of events) {
    batch.push(event);
    if (batch.length < batchSize) continue;
    launch(batch);
    batch = [];
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== undefined) break;
  }
  if (failure === undefined && batch.length > 0) launch(batch);
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return result;
}

async function postBatch(
  options: SendOptions,
  url: string,
  batch: TacitEvent[],
  result: SendResult,
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = options.maxRetries ?? 8;
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 10_000;
  const body = JSON.stringify({ events: batch });
  for (let attempt = 0; ; attempt++) {
    let status: number | undefined;
    let text: string;
    let wait: number | undefined;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      status = res.status;
      text = await res.text();
      if (res.ok) {
        record(result, batch, text);
        return;
      }
      if (status !== 429 && status < 500) {
        throw new SendError(`POST ${url} answered ${status}: ${text.slice(0, 500)}`, status, text);
      }
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof SendError) throw error;
      text = error instanceof Error ? error.message : String(error);
    }
    if (attempt >= maxRetries) {
      throw new SendError(
        `POST ${url} failed after ${attempt + 1} attempts (last: ${status ?? 'network error'} ${text.slice(0, 200)})`,
        status,
        text,
      );
    }
    result.retries++;
    // Full jitter, so that concurrent senders do not retry in lockstep; a Retry-After is a floor.
    const backoff = random() * Math.min(cap, base * 2 ** attempt);
    await sleep(
      wait !== undefined ? Math.min(wait, options.maxRetryAfterMs ?? 60_000) + backoff * 0.1 : backoff,
    );
  }
}

function record(result: SendResult, batch: TacitEvent[], text: string): void {
  let answer: BatchAnswer = {};
  try {
    answer = JSON.parse(text) as BatchAnswer;
  } catch {
    // A 2xx without a JSON body: count the batch as accepted.
  }
  const results = answer.results ?? [];
  const count = (s: string) => results.filter((r) => r.status === s).length;
  result.batches++;
  result.sent += batch.length;
  result.accepted += answer.accepted ?? (results.length > 0 ? count('accepted') : batch.length);
  result.duplicate += answer.duplicate ?? count('duplicate');
  result.invalid += answer.invalid ?? count('invalid');
  for (const r of results) {
    if (r.status === 'invalid' && result.invalidSamples.length < 20)
      result.invalidSamples.push({ id: r.id, errors: r.errors ?? [] });
  }
}
