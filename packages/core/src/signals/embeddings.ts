import type { TacitEvent } from '../schema/event.ts';

/**
 * Turns texts into vectors: an OpenAI-compatible `/v1/embeddings` endpoint, a local model, a
 * cache. The core never calls it itself (it does no I/O): run `embedMessages` before labelling and
 * pass the result as `labelSession(…, { embeddings })`.
 */
export interface EmbeddingProvider {
  /** The model's name, recorded so that a threshold is only reused with the model it was chosen for. */
  readonly model: string;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Message event id → embedding of its text. */
export type MessageEmbeddings = ReadonlyMap<string, readonly number[]>;

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Embeds the text of every user message of the given events (privacy-mode messages have no text
 * and are skipped), in batches, skipping ids already in `known`.
 *
 * @example
 * const embeddings = await embedMessages(events, provider);
 * const result = labelSession(events, context, { now, embeddings });
 */
export async function embedMessages(
  events: readonly TacitEvent[],
  provider: EmbeddingProvider,
  options: { batchSize?: number; known?: MessageEmbeddings } = {},
): Promise<Map<string, readonly number[]>> {
  const out = new Map<string, readonly number[]>(options.known ?? []);
  const todo: { id: string; text: string }[] = [];
  for (const e of events) {
    if (e.type === 'message' && e.properties.text !== undefined && !out.has(e.id)) {
      todo.push({ id: e.id, text: e.properties.text });
    }
  }
  const size = Math.max(1, options.batchSize ?? 64);
  for (let i = 0; i < todo.length; i += size) {
    const batch = todo.slice(i, i + size);
    const vectors = await provider.embed(batch.map((b) => b.text));
    batch.forEach((b, k) => {
      const v = vectors[k];
      if (v !== undefined) out.set(b.id, v);
    });
  }
  return out;
}
