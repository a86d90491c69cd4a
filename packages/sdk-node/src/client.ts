import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Delivery,
  uuidv7Source,
  type DeliveryPlatform,
  type DeliveryStats,
  type DeliveryTuning,
  type ErrorHook,
  type TacitError,
} from '@tacit/browser/delivery';
import type { ChatMessage } from '@tacit/core';

export const SDK = { name: '@tacit/node', version: '0.1.0' } as const;

/**
 * Delivery is tuned as in the browser SDK (`DeliveryTuning`), with server defaults: batches of
 * 100, sent within 1000 ms, 10 000 events queued at most, bodies up to 4 MB (the server's limit
 * is 5 MB).
 */
export interface TacitNodeOptions extends DeliveryTuning {
  /** A secret key (`sk_…`). Keep it on the server. */
  key: string;
  /** Tacit's base URL, e.g. `http://localhost:7400`. */
  endpoint: string;
  app?: string;
  appVersion?: string;
  contentType?: string;
  /** Cohort attributes added to every event (plan, region…). */
  cohort?: Record<string, string>;
  /** How long `shutdown()` waits for the last events. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Problems (unreachable server, refused events) are reported here, never thrown. */
  onError?: ErrorHook;
  /** Replace fetch, timers, clock or randomness (tests). */
  platform?: Partial<DeliveryPlatform>;
}

/** Who and what an event or a generation belongs to; see `withContext`. */
export interface TacitContext {
  sessionId?: string;
  userId?: string;
  /** The user message (event id) the next generation answers. */
  messageId?: string;
  /** The generation the next one regenerates. */
  parentId?: string;
  /** Use this id for the next generation instead of a new one. */
  generationId?: string;
  promptVersion?: string;
  contentType?: string;
}

interface Envelope {
  sessionId?: string;
  userId?: string;
  generationId?: string;
}

export interface GenerationLog extends Envelope {
  prompt: string | ChatMessage[];
  output: string;
  model: string;
  modelVersion?: string;
  promptVersion?: string;
  parentId?: string;
  messageId?: string;
  latencyMs?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  contentType?: string;
  [property: string]: unknown;
}

export interface EventLog extends Envelope {
  type: string;
  properties?: Record<string, unknown>;
  /** Defaults to a new UUIDv7. */
  id?: string;
  /** Defaults to now. */
  ts?: Date | string;
}

type Props = Record<string, unknown>;

/**
 * The Node SDK: logs generations, messages, feedback (any event) with a secret key, in batches.
 * It never throws into your server: problems go to `onError`.
 *
 * @example
 * const tacit = new Tacit({ key: process.env.TACIT_SECRET_KEY!, endpoint: 'http://localhost:7400' });
 * const generationId = tacit.generation({ sessionId, prompt, output, model: 'gpt-4o-mini' });
 * await tacit.shutdown();
 */
export class Tacit {
  readonly #delivery: Delivery;
  readonly #p: DeliveryPlatform;
  readonly #context: Props;
  readonly #als = new AsyncLocalStorage<TacitContext>();
  readonly #onError: ErrorHook | undefined;
  readonly #shutdownTimeoutMs: number;
  readonly #newId: () => string;
  #closed = false;

  constructor(options: TacitNodeOptions) {
    this.#p = {
      fetch: (url, init) => fetch(url, init),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      now: () => Date.now(),
      random: Math.random,
      ...options.platform,
    };
    const p = this.#p;
    this.#newId = uuidv7Source(
      () => p.now(),
      () => p.random(),
    );
    this.#onError = options.onError;
    this.#shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    const { app, appVersion, contentType, cohort } = options;
    this.#context = JSON.parse(JSON.stringify({ app, appVersion, contentType, cohort, sdk: SDK })) as Props;
    this.#delivery = new Delivery({
      batchSize: 100,
      flushIntervalMs: 1000,
      maxQueue: 10_000,
      maxBatchBytes: 4_000_000,
      ...options,
      platform: this.#p,
      unref: true,
      onError: (e) => this.#fail(e),
    });
    // Never throw into the host: the log methods report bad input to onError instead.
    for (const name of ['generation', 'message', 'feedback', 'complete', 'track'] as const) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply(this) below
      const fn = Tacit.prototype[name] as (...args: unknown[]) => string;
      Object.defineProperty(this, name, {
        value: (...args: unknown[]): string => {
          try {
            return fn.apply(this, args);
          } catch (cause) {
            this.#fail({ code: 'internal', message: String(cause), cause });
            return '';
          }
        },
      });
    }
  }

  /**
   * Runs `fn` with a context that the OpenAI wrapper and the log methods read when an argument
   * does not say: the session, the user, the message being answered.
   *
   * @example
   * const completion = await tacit.withContext({ sessionId, messageId }, () =>
   *   openai.chat.completions.create({ model, messages }));
   */
  withContext<R>(context: TacitContext, fn: () => R): R {
    return this.#als.run({ ...this.#als.getStore(), ...context }, fn);
  }

  /** The context of `withContext` around the caller, if any. */
  context(): TacitContext {
    return this.#als.getStore() ?? {};
  }

  /**
   * A new UUIDv7, e.g. to name a generation before it exists. The ids of one client sort in the
   * order they were made, which is the order Tacit lists events of the same millisecond in.
   */
  id(): string {
    return this.#newId();
  }

  /** Logs a model output shown to a user. Returns the generation id. */
  generation(log: GenerationLog): string {
    const ctx = this.context();
    const { sessionId, userId, generationId = ctx.generationId ?? this.id(), ...props } = log;
    const { messageId, parentId, promptVersion, contentType } = ctx;
    const defaults = JSON.parse(JSON.stringify({ messageId, parentId, promptVersion, contentType })) as Props;
    this.#emit('generation', { ...defaults, ...props }, { sessionId, userId, generationId });
    return generationId;
  }

  /** Logs a user turn. Returns its event id (the `messageId` of the generation that answers it). */
  message(log: Envelope & { text: string; id?: string }): string {
    const { text, id, ...envelope } = log;
    return this.#emit('message', { text }, envelope, id);
  }

  feedback(
    log: Envelope & {
      generationId: string;
      thumb?: 'up' | 'down';
      score?: number;
      scale?: { min: number; max: number };
      comment?: string;
    },
  ): string {
    const { sessionId, userId, generationId, ...props } = log;
    return this.#emit('feedback', props, { sessionId, userId, generationId });
  }

  /** A product-defined completion (ticket resolved, tests passed…). */
  complete(log: Envelope & { name: string; value?: number }): string {
    const { sessionId, userId, generationId, ...props } = log;
    return this.#emit('complete', props, { sessionId, userId, generationId });
  }

  /** Any event (see docs/events.md). Returns its id. */
  track(log: EventLog): string {
    const { type, properties = {}, id, ts, ...envelope } = log;
    return this.#emit(type, properties, envelope, id, ts);
  }

  /** Sends what is queued now. Resolves with the number of events still unsent. */
  flush(): Promise<number> {
    return this.#delivery.flush().catch((cause: unknown) => {
      this.#fail({ code: 'internal', message: String(cause), cause });
      return this.#delivery.stats().queued;
    });
  }

  /** Flushes (waiting at most `shutdownTimeoutMs`) and stops; later events are dropped. */
  async shutdown(): Promise<number> {
    this.#closed = true;
    this.#delivery.stop();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(this.#delivery.stats().queued), this.#shutdownTimeoutMs);
    });
    const left = await Promise.race([this.flush(), timeout]);
    clearTimeout(timer);
    this.#delivery.stop();
    return left;
  }

  stats(): DeliveryStats {
    return this.#delivery.stats();
  }

  /** @internal Reports a problem to `onError`; used by the OpenAI wrapper. */
  fail(error: TacitError): void {
    this.#fail(error);
  }

  #emit(type: string, properties: Props, envelope: Envelope, id = this.id(), ts?: Date | string): string {
    try {
      if (this.#closed) {
        this.#fail({ code: 'rejected', message: `${type} after shutdown()` });
        return id;
      }
      const ctx = this.context();
      const sessionId = envelope.sessionId ?? ctx.sessionId;
      const userId = envelope.userId ?? ctx.userId;
      const event = {
        id,
        type,
        ts: ts instanceof Date ? ts.toISOString() : (ts ?? new Date(this.#p.now()).toISOString()),
        // Without a session, the event gets one of its own rather than being lost.
        sessionId: sessionId ?? envelope.generationId ?? id,
        ...(userId ? { userId } : {}),
        ...(envelope.generationId ? { generationId: envelope.generationId } : {}),
        properties,
        context: this.#context,
      };
      this.#delivery.enqueue(JSON.stringify(event));
    } catch (cause) {
      this.#fail({ code: 'internal', message: String(cause), cause });
    }
    return id;
  }

  #fail(error: TacitError): void {
    try {
      this.#onError?.(error);
    } catch {
      // The host's hook threw: nothing left to tell.
    }
  }
}
