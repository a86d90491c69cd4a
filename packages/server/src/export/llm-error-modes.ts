import {
  ERROR_MODES,
  errorModeOf,
  promptText,
  type ErrorMode,
  type ErrorModeInput,
} from '@tacit/core/datasets';
import type { ErrorModeClassifier } from './pipeline.ts';

export interface LlmErrorModesOptions {
  /** An OpenAI-compatible API base, e.g. `http://127.0.0.1:8080/v1` (`/chat/completions` is appended). */
  url: string;
  model: string;
  apiKey?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const SYSTEM = `You classify why an AI assistant's response failed its user. Answer with exactly one word:
hallucination (wrong or made-up facts), format (wrong structure or layout: JSON, table, list, code),
refusal (it declined or deflected), length (too long or too short), or other.`;

function userMessage(ex: ErrorModeInput): string {
  const clip = (s: string) => (s.length > 4000 ? `${s.slice(0, 4000)}…` : s);
  return [
    `Request:\n${clip(promptText(ex.prompt))}`,
    `Response:\n${clip(ex.response)}`,
    ...(ex.reference !== undefined ? [`What the user ended up with instead:\n${clip(ex.reference)}`] : []),
    ...(ex.features.followUps.length > 0
      ? [`What the user said next:\n${clip(ex.features.followUps.join('\n'))}`]
      : []),
  ].join('\n\n');
}

/** The first error-mode word of an answer, if any. */
export function parseErrorMode(answer: string): ErrorMode | undefined {
  const words: string[] = answer.toLowerCase().match(/[a-z]+/g) ?? [];
  for (const w of words) for (const m of ERROR_MODES) if (w === m) return m;
  return undefined;
}

/**
 * Error modes read by a model behind any OpenAI-compatible chat endpoint (temperature 0, one
 * word). An answer it cannot parse, or a failed call, falls back to the heuristics and says so
 * in `by`. The core stays pure: this is the I/O around `errorModeOf`.
 *
 * @example
 * const errorModes = llmErrorModes({ url: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b-instruct' });
 * await runExport(store, project, { kind: 'regression' }, open, { errorModes });
 */
export function llmErrorModes(o: LlmErrorModesOptions): ErrorModeClassifier {
  const doFetch = o.fetch ?? fetch;
  const endpoint = `${o.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    name: `llm:${o.model}`,
    async classify(ex) {
      try {
        const res = await doFetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: o.model,
            temperature: 0,
            max_tokens: 5,
            messages: [
              { role: 'system', content: SYSTEM },
              { role: 'user', content: userMessage(ex) },
            ],
          }),
          signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
        const mode = parseErrorMode(body.choices?.[0]?.message?.content ?? '');
        if (mode === undefined) throw new Error('no error mode in the answer');
        return { mode, by: `llm:${o.model}` };
      } catch (err) {
        const h = errorModeOf(ex);
        return { mode: h.mode, by: `${h.by} (llm failed: ${(err as Error).message})` };
      }
    },
  };
}
