import type { ChatMessage } from '@tacit/core';
import type { Tacit, TacitContext } from './client.ts';

export interface WrapOpenAIOptions {
  /** Context for every call (e.g. read from your request scope); `withContext` and per-call `tacit` win. */
  context?: () => TacitContext;
  /** Extra generation properties for every call (e.g. `{ feature: 'support-bot' }`). */
  properties?: Record<string, unknown>;
}

type Api = 'chat.completions' | 'responses';
type Loose = Record<string, unknown>;
type Create = (this: unknown, body: unknown, options?: unknown) => unknown;

const GENERATION_ID = 'tacitGenerationId';

/**
 * The Tacit generation id of an OpenAI result, stream, or pending call made through a wrapped
 * client; send it to the page so that behaviour (copy, edit, undo…) attaches to it.
 *
 * @example
 * const completion = await openai.chat.completions.create({ model, messages });
 * res.json({ text: completion.choices[0].message.content, generationId: generationIdOf(completion) });
 */
export function generationIdOf(value: unknown): string | undefined {
  const id = (value as Loose | null | undefined)?.[GENERATION_ID];
  return typeof id === 'string' ? id : undefined;
}

function tag(target: unknown, id: string): void {
  if (target && typeof target === 'object' && Object.isExtensible(target)) {
    // Not enumerable: results serialised with JSON.stringify stay exactly what OpenAI sent.
    Object.defineProperty(target, GENERATION_ID, { value: id, configurable: true });
  }
}

/** A message's text: a string, or the text parts of a content array. */
function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      const p = part as Loose;
      return typeof p.text === 'string' ? p.text : typeof p.refusal === 'string' ? p.refusal : '';
    })
    .join('');
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function messages(list: unknown): ChatMessage[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((m) => {
    const msg = m as Loose;
    if (typeof msg.role !== 'string') return [];
    const role = (ROLES.has(msg.role) ? msg.role : 'tool') as ChatMessage['role'];
    return [{ role, content: text(msg.content) }];
  });
}

/** The prompt of a call, as Tacit stores it: text, or chat messages. */
function promptOf(api: Api, body: Loose): string | ChatMessage[] {
  if (api === 'chat.completions') {
    const list = messages(body.messages);
    return list.length > 0 ? list : '';
  }
  const input = body.input;
  const list = typeof input === 'string' ? [{ role: 'user' as const, content: input }] : messages(input);
  if (typeof body.instructions === 'string') list.unshift({ role: 'system', content: body.instructions });
  if (list.length === 1 && typeof input === 'string') return input;
  return list.length > 0 ? list : '';
}

interface Outcome {
  output: string;
  model?: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  finishReason?: string;
}

function usageOf(u: unknown): Outcome['usage'] {
  if (!u || typeof u !== 'object') return undefined;
  const x = u as Record<string, number | undefined>;
  const usage = {
    inputTokens: x.prompt_tokens ?? x.input_tokens,
    outputTokens: x.completion_tokens ?? x.output_tokens,
    totalTokens: x.total_tokens,
  };
  return JSON.parse(JSON.stringify(usage)) as Outcome['usage'];
}

function resultOf(api: Api, r: Loose): Outcome {
  const model = typeof r.model === 'string' ? r.model : undefined;
  if (api === 'chat.completions') {
    const choice = (r.choices as Loose[] | undefined)?.[0];
    const message = choice?.message as Loose | undefined;
    return {
      output: text(message?.content) || (message?.tool_calls ? JSON.stringify(message.tool_calls) : ''),
      model,
      usage: usageOf(r.usage),
      finishReason: choice?.finish_reason as string | undefined,
    };
  }
  let output = typeof r.output_text === 'string' ? r.output_text : '';
  if (!output && Array.isArray(r.output)) {
    output = (r.output as Loose[])
      .filter((item) => item.type === 'message')
      .map((item) => text(item.content))
      .join('');
  }
  return { output, model, usage: usageOf(r.usage) };
}

/** Accumulates a streamed answer chunk by chunk. */
function streamCollector(api: Api): { add(chunk: unknown): void; outcome: Outcome } {
  const outcome: Outcome = { output: '' };
  return {
    outcome,
    add(chunk) {
      const c = chunk as Loose;
      if (api === 'chat.completions') {
        if (typeof c.model === 'string') outcome.model = c.model;
        const choice = (c.choices as Loose[] | undefined)?.[0];
        const delta = choice?.delta as Loose | undefined;
        if (typeof delta?.content === 'string') outcome.output += delta.content;
        if (typeof choice?.finish_reason === 'string') outcome.finishReason = choice.finish_reason;
        if (c.usage) outcome.usage = usageOf(c.usage);
        return;
      }
      if (c.type === 'response.output_text.delta' && typeof c.delta === 'string') outcome.output += c.delta;
      const response = c.response as Loose | undefined;
      if (response && typeof response.model === 'string') outcome.model = response.model;
      if (c.type === 'response.completed' && response) {
        outcome.usage = usageOf(response.usage);
        if (!outcome.output && typeof response.output_text === 'string')
          outcome.output = response.output_text;
      }
    },
  };
}

/**
 * Wraps an official `openai` client so that `chat.completions.create` and `responses.create`
 * (streaming included) log a Tacit generation per call. Results, streams and the pending call
 * carry the generation id (`generationIdOf(result)`, or the non-enumerable
 * `result.tacitGenerationId`). The session, user and message come from `tacit.withContext`,
 * `options.context`, or a `tacit` field in the call's body (removed before the call is sent).
 * Everything else of the client is untouched.
 *
 * @example
 * const openai = wrapOpenAI(new OpenAI(), tacit);
 * const completion = await tacit.withContext({ sessionId, messageId }, () =>
 *   openai.chat.completions.create({ model: 'gpt-4o-mini', messages }));
 * const generationId = generationIdOf(completion);
 */
export function wrapOpenAI<C extends object>(client: C, tacit: Tacit, options: WrapOpenAIOptions = {}): C {
  const wrapCreate = (api: Api, create: Create, self: unknown): Create =>
    function (this: unknown, body: unknown, requestOptions?: unknown): unknown {
      let call: { id: string; started: number; body: Loose; ctx: TacitContext } | undefined;
      let forwarded = body;
      try {
        const { tacit: perCall, ...rest } = (body ?? {}) as Loose & { tacit?: TacitContext };
        if (perCall !== undefined) forwarded = rest;
        const ctx = { ...options.context?.(), ...tacit.context(), ...perCall };
        call = { id: ctx.generationId ?? tacit.id(), started: Date.now(), body: rest, ctx };
      } catch (cause) {
        tacit.fail({ code: 'internal', message: `wrapOpenAI: ${String(cause)}`, cause });
      }
      const pending = create.call(self, forwarded, requestOptions);
      if (!call) return pending;
      const c = call;
      const log = (outcome: Outcome, extra: Loose): void => {
        const { sessionId, userId, messageId, parentId, promptVersion, contentType } = c.ctx;
        const props = JSON.parse(
          JSON.stringify({
            ...options.properties,
            messageId,
            parentId,
            promptVersion,
            contentType,
            latencyMs: Date.now() - c.started,
            usage: outcome.usage,
            finishReason: outcome.finishReason,
            provider: 'openai',
            api,
            ...extra,
          }),
        ) as Loose;
        tacit.generation({
          ...props,
          sessionId,
          userId,
          generationId: c.id,
          prompt: promptOf(api, c.body),
          output: outcome.output,
          model: outcome.model ?? (typeof c.body.model === 'string' ? c.body.model : 'unknown'),
        });
      };
      try {
        tag(pending, c.id);
        (pending as PromiseLike<unknown>).then(
          (result) => {
            try {
              tag(result, c.id);
              if (c.body.stream === true) trackStream(result as Loose, api, log);
              else log(resultOf(api, result as Loose), {});
            } catch (cause) {
              tacit.fail({ code: 'internal', message: `wrapOpenAI: ${String(cause)}`, cause });
            }
          },
          // The caller sees the error on its own await; nothing was shown, nothing to log.
          () => undefined,
        );
      } catch (cause) {
        tacit.fail({ code: 'internal', message: `wrapOpenAI: ${String(cause)}`, cause });
      }
      return pending;
    };

  const cache = new WeakMap<object, object>();
  /** A view of `target` whose `key` is replaced by `make(value)`; cached so identity is stable. */
  const intercept = (
    target: object,
    replace: Record<string, (value: unknown, owner: object) => unknown>,
  ): object => {
    const hit = cache.get(target);
    if (hit) return hit;
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        const value: unknown = Reflect.get(t, key, receiver);
        const make = typeof key === 'string' && Object.hasOwn(replace, key) ? replace[key] : undefined;
        return make && value && (typeof value === 'object' || typeof value === 'function')
          ? make(value, t)
          : value;
      },
    });
    cache.set(target, proxy);
    return proxy;
  };
  const creators = new WeakMap<object, Create>();
  const createOf = (api: Api) => (value: unknown, owner: object) => {
    let w = creators.get(value as object);
    if (!w) creators.set(value as object, (w = wrapCreate(api, value as Create, owner)));
    return w;
  };
  return intercept(client, {
    chat: (chat) =>
      intercept(chat as object, {
        completions: (c) => intercept(c as object, { create: createOf('chat.completions') }),
      }),
    responses: (r) => intercept(r as object, { create: createOf('responses') }),
  }) as C;
}

/**
 * Logs a streamed generation when its consumer finishes (or stops) reading it. openai's `Stream`
 * reads its events through `iterator()` (iteration, `tee()`, `toReadableStream()`), so that is
 * where the chunks are observed; the caller receives the same object.
 */
function trackStream(stream: Loose, api: Api, log: (o: Outcome, extra: Loose) => void): void {
  const key = typeof stream.iterator === 'function' ? 'iterator' : Symbol.asyncIterator;
  const source = (stream as Record<PropertyKey, unknown>)[key] as (() => AsyncIterator<unknown>) | undefined;
  if (typeof source !== 'function') return;
  const collector = streamCollector(api);
  async function* observed(this: unknown): AsyncGenerator<unknown> {
    const it = source!.call(this);
    let complete = false;
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        collector.add(r.value);
        yield r.value;
      }
      complete = true;
    } finally {
      if (!complete) await it.return?.();
      log(collector.outcome, { stream: true, ...(complete ? {} : { incomplete: true }) });
    }
  }
  Object.defineProperty(stream, key, { value: observed, configurable: true, writable: true });
}
