import { builtinContext, type BuiltinContextName } from '../context/defaults.ts';
import type { ProductContext } from '../context/schema.ts';
import { labelSession, type LabelOptions, type SessionLabels } from '../labels/label-session.ts';
import type { EditStats, SimilaritySketch } from '../schema/sketch.ts';
import type { SessionEventInput } from '../sessionize/input.ts';

const T0 = Date.parse('2026-11-23T12:00:00.000Z');

/**
 * Writes a session as a script of user behaviour, for tests: `at(seconds)` sets the clock, each
 * step adds one event (ids are `e1`, `e2`, …), `label()` runs the whole pipeline.
 *
 * @example
 * const r = new Script().message('reset my password').generation('g1', 'Go to settings…').at(5).copy('g1').label();
 */
export class Script {
  readonly events: SessionEventInput[] = [];
  private t = 0;
  private n = 0;
  private lastMessage: string | undefined;

  constructor(readonly sessionId = 's1') {}

  /** Sets the clock, in seconds from the start. */
  at(seconds: number): this {
    this.t = seconds;
    return this;
  }

  private add(e: Record<string, unknown>, extra: { receivedAt?: number; ts?: string } = {}): string {
    const id = `e${++this.n}`;
    const ts = extra.ts ?? new Date(T0 + this.t * 1000).toISOString();
    this.events.push({
      id,
      ts,
      sessionId: this.sessionId,
      ...e,
      ...(extra.receivedAt !== undefined ? { receivedAt: extra.receivedAt } : {}),
    } as SessionEventInput);
    this.t += 1;
    return id;
  }

  message(text: string): this {
    this.lastMessage = this.add({ type: 'message', properties: { text } });
    return this;
  }
  sketchedMessage(sketch: SimilaritySketch): this {
    this.lastMessage = this.add({ type: 'message', properties: { sketch } });
    return this;
  }
  generation(
    id: string,
    output: string,
    p: {
      parentId?: string;
      contentType?: string;
      model?: string;
      modelVersion?: string;
      prompt?: string | { role: 'system' | 'user' | 'assistant'; content: string }[];
    } = {},
  ): this {
    this.add({
      type: 'generation',
      generationId: id,
      properties: {
        prompt: 'p',
        output,
        model: p.model ?? 'm',
        ...(this.lastMessage ? { messageId: this.lastMessage } : {}),
        ...p,
      },
    });
    return this;
  }
  accept(g: string): this {
    this.add({ type: 'accept', generationId: g, properties: {} });
    return this;
  }
  edit(g: string, text: string): this {
    this.add({ type: 'edit', generationId: g, properties: { text } });
    return this;
  }
  editStats(g: string, stats: EditStats): this {
    this.add({ type: 'edit', generationId: g, properties: { stats } });
    return this;
  }
  undo(g: string): this {
    this.add({ type: 'undo', generationId: g, properties: {} });
    return this;
  }
  regenerate(g: string, newGenerationId?: string): this {
    this.add({ type: 'regenerate', generationId: g, properties: newGenerationId ? { newGenerationId } : {} });
    return this;
  }
  copy(g: string, fraction = 1, chars = 100): this {
    this.add({ type: 'copy', generationId: g, properties: { chars, fraction } });
    return this;
  }
  share(g: string): this {
    this.add({ type: 'share', generationId: g, properties: { channel: 'slack' } });
    return this;
  }
  export(g: string): this {
    this.add({ type: 'export', generationId: g, properties: { format: 'docx' } });
    return this;
  }
  view(g: string, visibleMs: number, readDepth?: number): this {
    this.add({
      type: 'view',
      generationId: g,
      properties: { visibleMs, ...(readDepth !== undefined ? { readDepth } : {}) },
    });
    return this;
  }
  navigate(direction: 'away' | 'back' | 'deeper', g?: string): this {
    this.add({ type: 'navigate', ...(g ? { generationId: g } : {}), properties: { direction } });
    return this;
  }
  feedback(
    g: string,
    p: { thumb?: 'up' | 'down'; score?: number; scale?: { min: number; max: number } },
  ): this {
    this.add({ type: 'feedback', generationId: g, properties: p });
    return this;
  }
  complete(name: string, g?: string): this {
    this.add({ type: 'complete', ...(g ? { generationId: g } : {}), properties: { name } });
    return this;
  }
  end(): this {
    this.add({ type: 'session_end', properties: { reason: 'closed' } });
    return this;
  }

  /** Labels the session; `now` (seconds from the start) closes it by inactivity when far enough. */
  label(
    context: ProductContext | BuiltinContextName = 'chat',
    options: Omit<LabelOptions, 'now'> & { now?: number } = {},
  ): SessionLabels {
    const ctx = typeof context === 'string' ? builtinContext(context) : context;
    const { now, ...rest } = options;
    return labelSession(this.events, ctx, {
      ...rest,
      ...(now !== undefined ? { now: T0 + now * 1000 } : {}),
    });
  }
}

/** The kinds of the signals about one generation, sorted. */
export function kindsOf(r: SessionLabels, generationId?: string): string[] {
  return r.signals
    .filter((s) => generationId === undefined || s.generationId === generationId)
    .map((s) => s.kind)
    .sort();
}

export const START = T0;
