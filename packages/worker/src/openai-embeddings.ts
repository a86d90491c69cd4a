import type { EmbeddingProvider } from '@tacit/core/signals';

export interface OpenAIEmbeddingOptions {
  /** The API base, e.g. `http://127.0.0.1:8080/v1` (`/embeddings` is appended). */
  url: string;
  model: string;
  apiKey?: string;
  /** Injected for tests and other runtimes; the global fetch by default. */
  fetch?: typeof fetch;
}

interface EmbeddingsResponse {
  data?: { index?: number; embedding?: number[] }[];
}

/**
 * An `EmbeddingProvider` over any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, vLLM,
 * llama.cpp's server, Ollama, text-embeddings-inference). Lives outside the core because it does I/O.
 */
export function createOpenAIEmbeddingProvider(options: OpenAIEmbeddingOptions): EmbeddingProvider {
  const doFetch = options.fetch ?? fetch;
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;
  return {
    model: options.model,
    async embed(texts) {
      if (texts.length === 0) return [];
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: options.model, input: texts }),
      });
      if (!res.ok) throw new Error(`embeddings: ${endpoint} answered ${res.status} ${await res.text()}`);
      const body = (await res.json()) as EmbeddingsResponse;
      const out: number[][] = new Array<number[]>(texts.length);
      (body.data ?? []).forEach((d, i) => {
        if (Array.isArray(d.embedding)) out[d.index ?? i] = d.embedding;
      });
      for (let i = 0; i < texts.length; i++) {
        if (out[i] === undefined)
          throw new Error(`embeddings: no vector for input ${i} in the answer of ${endpoint}`);
      }
      return out;
    },
  };
}
