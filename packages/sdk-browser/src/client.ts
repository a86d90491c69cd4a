import type { ChatMessage } from '@tacit/core';
import { sketchText } from '@tacit/core/text/sketch';
import { capture, type Capture } from './capture/capture.ts';
import { Delivery, type DeliveryStats } from './delivery/delivery.ts';
import type { TacitError } from './delivery/platform.ts';
import type { OutgoingEvent, TacitOptions } from './options.ts';
import { browserPlatform, type BrowserPlatform } from './platform.ts';
import { editStats } from './privacy.ts';
import { session, type Session } from './session.ts';
import { uuidv7Source } from './uuidv7.ts';

export const SDK = { name: '@tacit/browser', version: '0.1.0' };
const QUEUE_KEY = 'tacit:q';

type Props = Record<string, unknown>;

export interface GenerationInput {
  generationId?: string;
  prompt: string | ChatMessage[];
  output: string;
  model: string;
  modelVersion?: string;
  promptVersion?: string;
  parentId?: string;
  messageId?: string;
  latencyMs?: number;
  contentType?: string;
  [key: string]: unknown;
}

export interface FeedbackInput {
  thumb?: 'up' | 'down';
  score?: number;
  scale?: { min: number; max: number };
  comment?: string;
}

/**
 * The browser SDK. Create it with `init()`. Every method is safe to call with anything: it never
 * throws into the page, problems go to `onError`.
 */
export class Tacit {
  readonly options: TacitOptions;
  /** @internal */ readonly platform: BrowserPlatform;
  /** @internal */ readonly delivery: Delivery;
  /** @internal A new event id: UUIDv7s that sort in the order they were made. */ readonly id: () => string;
  readonly #session: Session;
  #context: Props;
  #userId: string | undefined;
  #capture: Capture | undefined;

  constructor(options: TacitOptions) {
    this.options = options;
    const p = (this.platform = { ...browserPlatform(), ...options.platform });
    if (options.persist === false) p.storage = null;
    this.id = uuidv7Source(
      () => p.now(),
      () => p.random(),
    );
    this.#session = session(p, this.id, options.sessionTimeoutMs ?? 30 * 60_000, options.sessionId);
    this.#userId = options.userId;
    const { app, appVersion, contentType, cohort } = options;
    this.#context = { app, appVersion, contentType, cohort, sdk: SDK };
    this.delivery = new Delivery({
      ...options,
      platform: p,
      keepalive: true,
      onError: (e) => this.fail(e),
      save: (events) => p.storage?.setItem(QUEUE_KEY, `[${events.join(',')}]`),
    });
    // Never throw into the page: every public method reports to onError instead.
    for (const name of Object.getOwnPropertyNames(Tacit.prototype)) {
      const fn = (this as unknown as Record<string, unknown>)[name];
      if (!/^(constructor|guard|fail)$/.test(name) && typeof fn === 'function') {
        Object.defineProperty(this, name, { value: this.guard(fn as (...a: unknown[]) => unknown) });
      }
    }
    this.guard(() => this.#resend())();
    if (options.autocapture !== false && typeof document !== 'undefined') {
      this.guard(() => (this.#capture = capture(this, document, window)))();
    }
  }

  /** The session id events are sent with (send it to your server so it logs generations under it). */
  sessionId(): string {
    return this.#session.current();
  }

  identify(userId: string | undefined): void {
    this.#userId = userId;
  }

  /** Adds or replaces cohort attributes for the events that follow. */
  setCohort(attributes: Record<string, string>): void {
    this.#context = {
      ...this.#context,
      cohort: { ...(this.#context.cohort as Record<string, string> | undefined), ...attributes },
    };
  }

  /**
   * Captures behaviour around an AI output: copy, edits, undo, marked buttons, dwell and read
   * depth. `text` is the output as generated, when the element shows it differently (markdown).
   * Returns a function that stops observing.
   *
   * @example
   * tacit.observe(document.querySelector('#answer'), { generationId: 'gen-1' });
   */
  observe(element: Element, options: { generationId: string; text?: string }): () => void {
    this.#capture?.observe(element, options.generationId, options.text);
    return () => this.#capture?.unobserve(element);
  }

  unobserve(element: Element): void {
    this.#capture?.unobserve(element);
  }

  /** A user turn. Returns its id: pass it to your server as the generation's `messageId`. */
  message(text: string, options: { id?: string; generationId?: string } = {}): string {
    const props: Props = this.allowed() ? { text: this.redact(text) } : { sketch: sketchText(text) };
    return this.emit('message', props, options.generationId, options.id);
  }

  /** A generation made in the page. Returns its id. In privacy mode prompt and output are left out. */
  generation(input: GenerationInput): string {
    const { generationId = this.id(), ...props } = input;
    this.emit('generation', this.allowed() ? props : { ...props, prompt: '', output: '' }, generationId);
    return generationId;
  }

  accept(generationId: string, via = 'click'): string {
    this.#capture?.accepted(generationId);
    return this.emit('accept', { via }, generationId);
  }

  /** The user's text after editing the output; `original` lets privacy mode send statistics. */
  edit(generationId: string, text: string, original = ''): string {
    return this.emit('edit', this.editProps(text, original, this.allowed()), generationId);
  }

  undo(generationId: string, via = 'api'): string {
    return this.emit('undo', { via }, generationId);
  }

  /** The user asked for another answer instead of this one. */
  regenerate(generationId: string, newGenerationId?: string): string {
    return this.emit('regenerate', newGenerationId ? { newGenerationId } : {}, generationId);
  }

  copy(generationId: string, properties: { chars: number; fraction?: number; text?: string }): string {
    const { text, ...rest } = properties;
    return this.emit(
      'copy',
      text !== undefined && this.allowed() ? { ...rest, text: this.redact(text) } : rest,
      generationId,
    );
  }

  share(generationId: string, channel?: string): string {
    return this.emit('share', channel ? { channel } : {}, generationId);
  }

  export(generationId: string, format?: string, destination?: string): string {
    return this.emit('export', JSON.parse(JSON.stringify({ format, destination })) as Props, generationId);
  }

  view(generationId: string, properties: { visibleMs: number; readDepth?: number }): string {
    return this.emit('view', properties, generationId);
  }

  navigate(
    direction: 'away' | 'back' | 'deeper',
    options: { generationId?: string; url?: string } = {},
  ): string {
    return this.emit(
      'navigate',
      options.url ? { direction, url: options.url } : { direction },
      options.generationId,
    );
  }

  feedback(generationId: string, feedback: FeedbackInput): string {
    return this.emit('feedback', { ...feedback }, generationId);
  }

  /** A product-defined completion (ticket resolved, document published…). */
  complete(name: string, options: { value?: number; generationId?: string } = {}): string {
    const { generationId, ...rest } = options;
    return this.emit('complete', { name, ...rest }, generationId);
  }

  custom(name: string, properties?: Props, options: { generationId?: string } = {}): string {
    return this.emit('custom', properties ? { name, properties } : { name }, options.generationId);
  }

  /** Ends the session (logout, conversation closed) and starts a new one for what follows. */
  endSession(reason = 'closed'): string {
    const id = this.emit('session_end', { reason });
    this.#session.reset();
    return id;
  }

  /** Any event type, for what the helpers above do not cover. Returns the event id. */
  track(type: string, properties: Props = {}, options: { generationId?: string; id?: string } = {}): string {
    return this.emit(type, properties, options.generationId, options.id);
  }

  /** Sends everything now. Resolves with the number of events still unsent. */
  flush(): Promise<number> {
    return this.delivery.flush();
  }

  stats(): DeliveryStats {
    return this.delivery.stats();
  }

  /** Stops listening and sends what is pending. */
  shutdown(): Promise<number> {
    this.#capture?.stop();
    this.#capture = undefined;
    this.delivery.stop();
    return this.delivery.flush();
  }

  /** @internal The page is going away: send what is pending within the unload budgets. */
  exit(): void {
    this.#session.save();
    this.delivery.exit(this.platform.beacon);
  }

  /** @internal Whether texts may be sent, for an element (masked or not) or in general. */
  allowed(masked = false): boolean {
    return this.options.captureContent !== false && !masked;
  }

  /** @internal */
  redact(text: string): string {
    return this.options.redact ? this.options.redact(text) : text;
  }

  /** @internal */
  editProps(text: string, original: string, content: boolean): Props {
    return content ? { text: this.redact(text) } : { stats: editStats(original, text) };
  }

  /** @internal Builds, filters and queues one event; returns its id ('' when dropped). */
  emit(type: string, properties: Props, generationId?: string, id = this.id()): string {
    let event: OutgoingEvent | null | undefined = {
      id,
      type,
      ts: new Date(this.platform.now()).toISOString(),
      sessionId: this.#session.current(),
      ...(this.#userId ? { userId: this.#userId } : {}),
      ...(generationId ? { generationId } : {}),
      properties,
      context: this.#context,
    };
    if (this.options.beforeSend) event = this.options.beforeSend(event);
    return event && this.delivery.enqueue(JSON.stringify(event)) ? id : '';
  }

  /** @internal */
  fail(error: TacitError): void {
    try {
      this.options.onError?.(error);
    } catch {
      // The host's hook threw: nothing left to tell.
    }
  }

  /** @internal Wraps a function so that it reports instead of throwing. */
  guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    // Delivery's promises never reject, so catching synchronous throws is enough.
    return (...args: A): R => {
      try {
        return fn.apply(this, args);
      } catch (cause) {
        this.fail({ code: 'internal', message: String(cause), cause });
        return undefined as R;
      }
    };
  }

  /** Events a previous visit could not send. */
  #resend(): void {
    const saved = this.platform.storage?.getItem(QUEUE_KEY);
    if (!saved) return;
    for (const e of JSON.parse(saved) as unknown[]) this.delivery.enqueue(JSON.stringify(e));
  }
}
