import { describe, expect, it } from 'vitest';
import type { TacitEvent } from '../schema/event.ts';
import { cosineSimilarity, embedMessages, type EmbeddingProvider } from './embeddings.ts';

const msg = (id: string, properties: Record<string, unknown>) =>
  ({ id, type: 'message', ts: '2026-11-23T12:00:00Z', sessionId: 's', properties }) as TacitEvent;

describe('embedMessages', () => {
  it('embeds message texts in batches, skips sketches and known ids', async () => {
    const calls: string[][] = [];
    const provider: EmbeddingProvider = {
      model: 'test',
      embed: (texts) => {
        calls.push([...texts]);
        return Promise.resolve(texts.map((t) => [t.length]));
      },
    };
    const events = [
      msg('a', { text: 'one' }),
      msg('b', { text: 'three' }),
      msg('c', { sketch: {} }),
      msg('d', { text: 'x' }),
    ];
    const out = await embedMessages(events, provider, { batchSize: 2, known: new Map([['d', [9]]]) });
    expect(calls).toEqual([['one', 'three']]);
    expect([...out.entries()]).toEqual([
      ['d', [9]],
      ['a', [3]],
      ['b', [5]],
    ]);
  });

  it('cosine similarity is 1 for parallel vectors, 0 for orthogonal or empty ones', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
  });
});
