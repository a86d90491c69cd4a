import type { ProductContext } from '../context/schema.ts';
import type { GenerationLabel } from '../labels/label.ts';
import type { GenerationEvent } from '../schema/event.ts';
import { sessionize } from '../sessionize/sessionize.ts';
import type { SessionEventInput } from '../sessionize/input.ts';
import type { Signal } from '../signals/types.ts';
import type { LabeledSession, Prompt, SignalEvidence } from './types.ts';

/** A generation as datasets read it. */
export interface GenerationInfo {
  id: string;
  event: GenerationEvent;
  prompt: Prompt;
  output: string;
}

/**
 * The follow-ups that retry the same task. Only rephrases: a correction ("no, I meant …") is
 * detected by its cue words alone and also opens new topics, so chaining through it would join
 * different tasks.
 */
const RETRY_KINDS = new Set<string>(['rephrase_retry']);

/**
 * One labeled session indexed for the dataset builders: generations, labels, signals per
 * generation, messages, and (computed on first use) which generations answer which message and
 * the chains of retried phrasings.
 */
export class SessionIndex {
  readonly generations = new Map<string, GenerationInfo>();
  readonly labels = new Map<string, GenerationLabel>();
  readonly signals = new Map<string, Signal[]>();
  private readonly events = new Map<string, SessionEventInput>();
  private readonly actions = new Map<string, SessionEventInput[]>();
  /** message id → the retry follow-up from it (its signal names the next message). */
  private readonly retryFrom = new Map<string, Signal>();
  private readonly retryTo = new Map<string, Signal>();
  private answers: Map<string, string[]> | undefined;
  private readonly messageByGeneration = new Map<string, string>();

  constructor(
    readonly session: LabeledSession,
    readonly context: ProductContext,
  ) {
    for (const e of session.events) {
      if (this.events.has(e.id)) continue;
      this.events.set(e.id, e);
      if (e.type === 'generation') {
        const prev = this.generations.get(e.generationId);
        if (prev === undefined || e.ts < prev.event.ts)
          this.generations.set(e.generationId, {
            id: e.generationId,
            event: e,
            prompt: e.properties.prompt,
            output: e.properties.output,
          });
      } else if (e.generationId !== undefined) {
        const list = this.actions.get(e.generationId);
        if (list) list.push(e);
        else this.actions.set(e.generationId, [e]);
      }
    }
    for (const l of session.labels.labels) this.labels.set(l.generationId, l);
    for (const s of session.labels.signals) {
      if (s.generationId === undefined) continue;
      const list = this.signals.get(s.generationId);
      if (list) list.push(s);
      else this.signals.set(s.generationId, [s]);
      if (RETRY_KINDS.has(s.kind)) {
        const from = s.details?.previousMessageId;
        const to = s.details?.messageId;
        if (typeof from === 'string') this.retryFrom.set(from, s);
        if (typeof to === 'string') this.retryTo.set(to, s);
      }
    }
  }

  get sessionId(): string {
    return this.session.labels.session.sessionId;
  }

  /** Whether any answer in the session was retried (rephrased). */
  get hasRetries(): boolean {
    return this.retryFrom.size > 0;
  }

  event(id: string): SessionEventInput | undefined {
    return this.events.get(id);
  }

  signalsOf(generationId: string): Signal[] {
    return this.signals.get(generationId) ?? [];
  }

  /** `shown`, then the types of the events about a generation, in client-time order. */
  behaviour(generationId: string): string[] {
    const list = [...(this.actions.get(generationId) ?? [])].sort((a, b) =>
      a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id < b.id ? -1 : 1,
    );
    return ['shown', ...list.map((e) => e.type)];
  }

  messageText(messageId: string): string | undefined {
    const e = this.events.get(messageId);
    return e?.type === 'message' ? e.properties.text : undefined;
  }

  /** The user message a generation answers (explicit, its parent's, or the latest message before it). */
  messageOf(generationId: string): string | undefined {
    this.answers ??= this.indexAnswers();
    return this.messageByGeneration.get(generationId);
  }

  /** The generations that answer a message (regenerations included), in the order shown. */
  answersTo(messageId: string): string[] {
    this.answers ??= this.indexAnswers();
    return this.answers.get(messageId) ?? [];
  }

  /**
   * The retry chain through a message: the first phrasing of the task, the last, and the number
   * of reformulations (rephrased retries) between them.
   */
  chain(messageId: string): { first: string; last: string; reformulations: number } {
    let first = messageId;
    let last = messageId;
    let n = 0;
    const seen = new Set([messageId]);
    for (let s = this.retryTo.get(first); s; s = this.retryTo.get(first)) {
      const prev = s.details?.previousMessageId;
      if (typeof prev !== 'string' || seen.has(prev)) break;
      seen.add(prev);
      first = prev;
      n++;
    }
    for (let s = this.retryFrom.get(last); s; s = this.retryFrom.get(last)) {
      const next = s.details?.messageId;
      if (typeof next !== 'string' || seen.has(next)) break;
      seen.add(next);
      last = next;
      n++;
    }
    return { first, last, reformulations: n };
  }

  /**
   * The client time (ISO 8601) of the latest of these events: what exports filter and weight by,
   * like the store's session filters. Not the sessionizer's corrected time, which moves history
   * imported in bulk to its import time.
   */
  clientTime(eventIds: readonly string[], fallback: string): string {
    let latest: string | undefined;
    for (const id of eventIds) {
      const e = this.events.get(id);
      if (e === undefined) continue;
      const ts = new Date(e.ts).toISOString();
      if (latest === undefined || ts > latest) latest = ts;
    }
    return latest ?? fallback;
  }

  /** A signal cited in provenance. */
  static evidence(s: Signal): SignalEvidence {
    return {
      id: s.id,
      kind: s.kind,
      polarity: s.polarity,
      strength: Number(s.strength.toFixed(4)),
      evidence: s.evidence,
      ...(s.details !== undefined ? { details: s.details } : {}),
    };
  }

  /** As the signal engine's view does it, on the sessionized (clock-corrected) order. */
  private indexAnswers(): Map<string, string[]> {
    const answers = new Map<string, string[]>();
    const s = sessionize(this.session.events, {
      inactivityMs: this.context.session.inactivityMinutes * 60_000,
      maxSkewMs: this.context.session.maxClockSkewSeconds * 1000,
    });
    let lastMessage: string | undefined;
    for (const t of s.events) {
      const e = t.event;
      if (e.type === 'message') lastMessage = e.id;
      if (e.type !== 'generation' || this.messageByGeneration.has(e.generationId)) continue;
      const p = e.properties;
      const parent = p.parentId !== undefined && p.parentId !== e.generationId ? p.parentId : undefined;
      const m =
        p.messageId ??
        (parent !== undefined ? this.messageByGeneration.get(parent) : undefined) ??
        lastMessage;
      if (m === undefined) continue;
      this.messageByGeneration.set(e.generationId, m);
      const list = answers.get(m);
      if (list) list.push(e.generationId);
      else answers.set(m, [e.generationId]);
    }
    return answers;
  }
}
