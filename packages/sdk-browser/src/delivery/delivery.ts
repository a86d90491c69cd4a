import type { DeliveryPlatform, ErrorHook, TacitError, WireResponse } from './platform.ts';
import { utf8Length } from './utf8.ts';

/** How delivery batches and retries; every SDK passes these through from its own options. */
export interface DeliveryTuning {
  /** Send as soon as this many events wait. */
  batchSize?: number;
  /** Send events at most this long after they were queued. */
  flushIntervalMs?: number;
  /** Events kept while the server is unreachable; beyond it new events are dropped and counted. */
  maxQueue?: number;
  /** Largest request body (UTF-8 bytes); the server refuses larger ones with 413. */
  maxBatchBytes?: number;
  /** First retry delay; doubles per failure, with jitter, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface DeliveryOptions extends DeliveryTuning {
  /** Tacit's base URL, e.g. `https://tacit.example.com`; events go to `{endpoint}/v1/events`. */
  endpoint: string;
  /** A public (`pk_…`) or secret (`sk_…`) key, sent as `Authorization: Bearer`. */
  key: string;
  platform: DeliveryPlatform;
  /** Ask the browser to finish small requests even if the page goes away (≤ 64 KB). */
  keepalive?: boolean;
  /** Node: let the process exit while a flush timer is pending. */
  unref?: boolean;
  onError?: ErrorHook;
  /** Called with every unsent event (as JSON) when they should be kept across page loads. */
  save?: (events: string[]) => void;
}

type Extra = Pick<TacitError, 'status' | 'cause'>;

interface Item {
  json: string;
  bytes: number;
  /** When it was queued. */
  at: number;
}

export interface DeliveryStats {
  /** Events waiting or in flight. */
  queued: number;
  /** Events accepted or acknowledged as duplicates by the server. */
  sent: number;
  /** Events dropped because the queue was full. */
  dropped: number;
  /** Events the server said were invalid. */
  invalid: number;
}

/** What a keepalive request (or a beacon) may carry in total, below the browsers' 64 KiB. */
export const EXIT_BUDGET = 60_000;
const ENVELOPE = '{"events":[]}'.length;

/**
 * Batches events and delivers them to `POST {endpoint}/v1/events`: a batch leaves when
 * `batchSize` events wait or `flushIntervalMs` after the first; failures are retried with
 * jittered exponential backoff that honours `Retry-After`; a 413 halves the batch. It never
 * throws: problems go to `onError`.
 */
export class Delivery {
  readonly url: string;
  readonly #p: DeliveryPlatform;
  readonly #key: string;
  readonly #batchSize: number;
  readonly #interval: number;
  readonly #maxQueue: number;
  readonly #maxBytes: number;
  readonly #retryBase: number;
  readonly #retryMax: number;
  readonly #keepalive: boolean;
  readonly #unref: boolean;
  readonly #onError: ErrorHook | undefined;
  readonly #keep: ((events: string[]) => void) | undefined;
  #queue: Item[] = [];
  /** Batches in flight: one at a time, except those sent as the page goes away. */
  #inflight = new Set<Item[]>();
  #busy: Promise<boolean> | undefined;
  #timer: unknown;
  #due = 0;
  #retryAt = 0;
  #attempt = 0;
  #limit: number;
  #counts = { sent: 0, dropped: 0, invalid: 0 };
  #dropping = false;

  constructor(o: DeliveryOptions) {
    this.url = `${String(o.endpoint).replace(/\/+$/, '')}/v1/events`;
    this.#p = o.platform;
    this.#key = o.key;
    this.#limit = this.#batchSize = o.batchSize ?? 50;
    this.#interval = o.flushIntervalMs ?? 2000;
    this.#maxQueue = o.maxQueue ?? 1000;
    this.#maxBytes = o.maxBatchBytes ?? 1_000_000;
    this.#retryBase = o.retryBaseMs ?? 1000;
    this.#retryMax = o.retryMaxMs ?? 30_000;
    this.#keepalive = !!o.keepalive;
    this.#unref = !!o.unref;
    this.#onError = o.onError;
    this.#keep = o.save;
  }

  /** Queues one event (already serialised). False when it was dropped. */
  enqueue(json: string): boolean {
    const bytes = utf8Length(json);
    if (bytes + ENVELOPE > this.#maxBytes) {
      this.#fail('too_large', `event of ${bytes} B > maxBatchBytes`);
      return false;
    }
    if (this.#size() >= this.#maxQueue) {
      this.#counts.dropped++;
      // Report the first drop of a run, not every one: a page offline for an hour would flood onError.
      if (!this.#dropping) this.#fail('queue_full', 'queue full');
      this.#dropping = true;
      return false;
    }
    this.#dropping = false;
    this.#queue.push({ json, bytes, at: this.#p.now() });
    this.#next();
    return true;
  }

  stats(): DeliveryStats {
    return { queued: this.#size(), ...this.#counts };
  }

  /** Every unsent event, in flight or waiting, as JSON. */
  pending(): string[] {
    return [...this.#inflight]
      .flat()
      .concat(this.#queue)
      .map((i) => i.json);
  }

  /**
   * Sends everything now, batch after batch, ignoring the flush interval and any backoff.
   * Resolves with the number of events still unsent (0 when all were delivered).
   */
  async flush(): Promise<number> {
    this.#retryAt = 0;
    for (let progress = true; progress && (this.#busy || this.#queue.length);) {
      progress = await (this.#busy ?? this.#send());
    }
    return this.#size();
  }

  /**
   * The page is going away: keep every unsent event for the next visit, then send what fits in
   * the browsers' keepalive budget with `fetch(…, {keepalive})`, and the rest with `beacon`.
   */
  exit(beacon?: (url: string, body: string) => boolean): void {
    this.#save();
    let budget = this.#keepalive ? EXIT_BUDGET : 0;
    // A batch is cut at the keepalive budget whichever way it goes (budget never exceeds it).
    for (let n; (n = this.#take(EXIT_BUDGET));) {
      const batch = this.#queue.slice(0, n);
      const bytes = this.#bytes(batch);
      if (bytes <= budget) {
        budget -= bytes;
        void this.#post(this.#queue.splice(0, n), true);
      } else if (beacon?.(`${this.url}?key=${encodeURIComponent(this.#key)}`, this.#body(batch))) {
        this.#counts.sent += this.#queue.splice(0, n).length;
      } else break;
    }
  }

  /** Stops the timer; pending events stay queued. */
  stop(): void {
    this.#p.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Plans the next send: now for a full batch, else when the oldest event has waited the interval. */
  #next(): void {
    const first = this.#queue[0];
    if (first)
      this.#schedule(this.#queue.length >= this.#limit ? 0 : first.at + this.#interval - this.#p.now());
  }

  #schedule(ms: number): void {
    const p = this.#p;
    const due = Math.max(p.now() + ms, this.#retryAt);
    if (this.#timer !== undefined) {
      if (this.#due <= due) return;
      p.clearTimeout(this.#timer);
    }
    this.#due = due;
    this.#timer = p.setTimeout(
      () => {
        this.#timer = undefined;
        void this.#send();
      },
      Math.max(0, due - p.now()),
    );
    if (this.#unref) (this.#timer as { unref?: () => void } | undefined)?.unref?.();
  }

  /** How many events from the queue's head fit in `maxBytes` and the current batch limit. */
  #take(maxBytes: number): number {
    let n = 0;
    let bytes = ENVELOPE;
    for (const item of this.#queue) {
      if (n >= this.#limit || (bytes += item.bytes + 1) > Math.min(maxBytes, this.#maxBytes)) break;
      n++;
    }
    return n;
  }

  #body(batch: Item[]): string {
    return `{"events":[${batch.map((i) => i.json).join(',')}]}`;
  }

  #bytes(batch: Item[]): number {
    return batch.reduce((s, i) => s + i.bytes + 1, ENVELOPE);
  }

  /** Sends one batch from the head of the queue; true when it made progress. */
  #send(): Promise<boolean> {
    const wait = this.#retryAt - this.#p.now();
    if (this.#busy || !this.#queue.length || wait > 0) {
      if (wait > 0) this.#schedule(wait);
      return Promise.resolve(false);
    }
    const batch = this.#queue.splice(0, this.#take(this.#maxBytes));
    return (this.#busy = this.#post(batch, this.#keepalive && this.#bytes(batch) <= EXIT_BUDGET).then(
      (ok) => {
        this.#busy = undefined;
        this.#next();
        return ok;
      },
    ));
  }

  /** Sends a batch, counting it as unsent (and kept) until the answer says otherwise. */
  #post(batch: Item[], keepalive: boolean): Promise<boolean> {
    this.#inflight.add(batch);
    this.#save();
    return this.#request(batch, keepalive).then((ok) => {
      this.#inflight.delete(batch);
      this.#save();
      return ok;
    });
  }

  #size(): number {
    let n = this.#queue.length;
    for (const b of this.#inflight) n += b.length;
    return n;
  }

  /** One request; the batch is requeued when it should be retried. */
  async #request(batch: Item[], keepalive: boolean): Promise<boolean> {
    let res: WireResponse;
    try {
      res = await this.#p.fetch(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#key}`, 'content-type': 'application/json' },
        body: this.#body(batch),
        ...(keepalive ? { keepalive } : {}),
      });
    } catch (cause) {
      return this.#retry(batch, null, { cause });
    }
    const status = res.status;
    if (status === 200 || status === 207) {
      this.#attempt = 0;
      // After a 413, grow back step by step: the server's limit is somewhere in between.
      this.#limit = Math.min(this.#batchSize, this.#limit * 2);
      this.#counts.sent += batch.length;
      if (status === 207) await this.#report(res);
      return true;
    }
    if (status === 413 && batch.length > 1) {
      // Too large for this server: send the same events in halves, without waiting.
      this.#limit = Math.ceil(batch.length / 2);
      for (const item of batch) item.at = 0;
      this.#queue.unshift(...batch);
      return true;
    }
    if (status === 408 || status === 429 || status >= 500) {
      return this.#retry(batch, res.headers.get('retry-after'), { status });
    }
    this.#fail('rejected', `refused: ${status}`, { status });
    return true;
  }

  #retry(batch: Item[], retryAfter: string | null, extra: Extra): false {
    const p = this.#p;
    this.#queue.unshift(...batch);
    const backoff = Math.min(this.#retryMax, this.#retryBase * 2 ** this.#attempt++);
    let delay = backoff / 2 + (p.random() * backoff) / 2;
    if (retryAfter) {
      const s = Number(retryAfter);
      const ms = Number.isNaN(s) ? Date.parse(retryAfter) - p.now() : s * 1000;
      // Never sooner than the server asked, spread a little so that clients do not stampede.
      if (ms >= 0) delay = ms * (1 + p.random() * 0.1);
    }
    this.#retryAt = p.now() + delay;
    this.#fail('network', `retry in ${Math.round(delay)} ms`, extra);
    this.#schedule(delay);
    return false;
  }

  async #report(res: WireResponse): Promise<void> {
    try {
      const body = (await res.json()) as { results?: { status?: string }[] };
      const invalid = (body.results ?? []).filter((r) => r.status === 'invalid');
      if (!invalid.length) return;
      this.#counts.sent -= invalid.length;
      this.#counts.invalid += invalid.length;
      this.#fail('invalid', JSON.stringify(invalid));
    } catch (cause) {
      this.#fail('internal', 'bad 207', { cause });
    }
  }

  #save(): void {
    try {
      this.#keep?.(this.pending());
    } catch (cause) {
      this.#fail('storage', '', { cause });
    }
  }

  #fail(code: TacitError['code'], message: string, extra?: Extra): void {
    try {
      this.#onError?.({ code, message, ...extra });
    } catch {
      // A throwing onError must not break delivery.
    }
  }
}
