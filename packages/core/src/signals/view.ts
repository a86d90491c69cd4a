import type { ProductContext } from '../context/schema.ts';
import type { Session, TimedEvent } from '../sessionize/index.ts';
import { cosineSimilarity, type MessageEmbeddings } from './embeddings.ts';
import type { FollowUpClassifier, FollowUpVerdict } from './follow-up.ts';
import { messageFeatures, type MessageFeatures } from './message-features.ts';

/** One generation and everything the user did with it. */
export interface GenerationView {
  id: string;
  /** The `generation` event, when it arrived. */
  shown?: TimedEvent;
  /** When it was shown, or its first event. */
  at: number;
  output?: string;
  contentType?: string;
  /** The generation it regenerates. */
  parentId?: string;
  /** The user message it answers: explicit, its parent's, or the latest message before it. */
  messageId?: string;
  /** Events about it other than `generation`, in order. */
  actions: TimedEvent[];
  /** Generations that regenerate it. */
  children: string[];
}

export interface MessageView {
  id: string;
  event: TimedEvent;
  /** Computed on first use: a lone message is never compared, so never analysed. */
  readonly features: MessageFeatures;
}

class LazyMessage implements MessageView {
  #features: MessageFeatures | undefined;
  constructor(
    readonly id: string,
    readonly event: TimedEvent,
  ) {}
  get features(): MessageFeatures {
    if (this.#features === undefined) {
      const e = this.event.event;
      this.#features = messageFeatures(e.type === 'message' ? e.properties : {});
    }
    return this.#features;
  }
}

/** A user message after another, with what was shown in between and what the classifier says. */
export interface FollowUp {
  previous: MessageView;
  next: MessageView;
  /** The answer to `previous` the user saw last before writing `next`. */
  answer?: GenerationView;
  gapMs: number;
  verdict: FollowUpVerdict;
}

/** A session indexed once for all detectors: no detector scans the whole log per generation. */
export interface SessionView {
  session: Session;
  context: ProductContext;
  generations: ReadonlyMap<string, GenerationView>;
  /** Generations in the order they were shown. */
  ordered: readonly GenerationView[];
  messages: readonly MessageView[];
  followUps: readonly FollowUp[];
  /** Counted completion events. */
  completions: readonly TimedEvent[];
}

export interface ViewOptions {
  classifier: FollowUpClassifier;
  embeddings?: MessageEmbeddings;
}

function completionCounts(names: readonly string[]): (name: string) => boolean {
  if (names.includes('*')) return () => true;
  const set = new Set(names);
  return (name) => set.has(name);
}

/** The view of generation `id`, made on first mention. */
function generationOf(generations: Map<string, GenerationView>, id: string, at: number): GenerationView {
  let g = generations.get(id);
  if (g === undefined) {
    g = { id, at, actions: [], children: [] };
    generations.set(id, g);
  }
  return g;
}

/** Indexes a sessionized session: generations with their actions, messages, follow-ups. */
export function buildView(session: Session, context: ProductContext, options: ViewOptions): SessionView {
  const generations = new Map<string, GenerationView>();
  const messages: MessageView[] = [];
  const completions: TimedEvent[] = [];
  const counts = completionCounts(context.completion.events);
  let lastMessage: MessageView | undefined;
  for (const t of session.events) {
    const e = t.event;
    switch (e.type) {
      case 'message': {
        lastMessage = new LazyMessage(e.id, t);
        messages.push(lastMessage);
        break;
      }
      case 'generation': {
        const g = generationOf(generations, e.generationId, t.at);
        if (g.shown !== undefined) break;
        const p = e.properties;
        g.shown = t;
        g.at = t.at;
        g.output = p.output;
        const contentType = p.contentType ?? e.context?.contentType;
        if (contentType !== undefined) g.contentType = contentType;
        if (p.parentId !== undefined && p.parentId !== g.id) g.parentId = p.parentId;
        const messageId =
          p.messageId ?? (g.parentId ? generations.get(g.parentId)?.messageId : undefined) ?? lastMessage?.id;
        if (messageId !== undefined) g.messageId = messageId;
        break;
      }
      case 'complete':
        if (counts(e.properties.name)) completions.push(t);
        if (e.generationId !== undefined) generationOf(generations, e.generationId, t.at).actions.push(t);
        break;
      default:
        if (e.generationId !== undefined) generationOf(generations, e.generationId, t.at).actions.push(t);
    }
  }
  const ordered = [...generations.values()].sort((a, b) => a.at - b.at);
  for (const g of ordered) {
    if (g.parentId !== undefined) generations.get(g.parentId)?.children.push(g.id);
    for (const a of g.actions) {
      if (a.event.type !== 'regenerate') continue;
      const child = a.event.properties.newGenerationId;
      if (child !== undefined && child !== g.id && !g.children.includes(child) && generations.has(child))
        g.children.push(child);
    }
  }
  return {
    session,
    context,
    generations,
    ordered,
    messages,
    followUps: followUpsOf(messages, ordered, options),
    completions,
  };
}

function followUpsOf(
  messages: readonly MessageView[],
  ordered: readonly GenerationView[],
  options: ViewOptions,
): FollowUp[] {
  const out: FollowUp[] = [];
  // Latest answer per message, in one pass: generations are in time order.
  const answers = new Map<string, GenerationView[]>();
  for (const g of ordered) {
    if (g.messageId === undefined) continue;
    const list = answers.get(g.messageId);
    if (list) list.push(g);
    else answers.set(g.messageId, [g]);
  }
  for (let i = 1; i < messages.length; i++) {
    const previous = messages[i - 1] as MessageView;
    const next = messages[i] as MessageView;
    let answer: GenerationView | undefined;
    for (const g of answers.get(previous.id) ?? []) if (g.at <= next.event.at) answer = g;
    const ea = options.embeddings?.get(previous.id);
    const eb = options.embeddings?.get(next.id);
    const verdict = options.classifier.classify({
      previous: previous.features,
      next: next.features,
      ...(ea !== undefined && eb !== undefined ? { embeddingSimilarity: cosineSimilarity(ea, eb) } : {}),
    });
    // "Soon after" counts from the answer the user saw, or from the message when none came.
    const gapMs = next.event.at - (answer?.at ?? previous.event.at);
    out.push({ previous, next, ...(answer ? { answer } : {}), gapMs, verdict });
  }
  return out;
}
