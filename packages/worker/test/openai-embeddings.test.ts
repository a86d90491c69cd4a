import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createOpenAIEmbeddingProvider } from '../src/openai-embeddings.ts';

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
}

describe('createOpenAIEmbeddingProvider', () => {
  it('posts the texts to /embeddings and returns the vectors in input order', async () => {
    const seen: unknown[] = [];
    const server = createServer((req, res) => {
      void body(req).then((b) => {
        seen.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(b) as unknown });
        const input = (JSON.parse(b) as { input: string[] }).input;
        // Answered out of order, as the API allows: `index` says which input each vector is for.
        const data = input.map((t, index) => ({ index, embedding: [t.length, 1] })).reverse();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const provider = createOpenAIEmbeddingProvider({
        url: `http://127.0.0.1:${port}/v1/`,
        model: 'm',
        apiKey: 'k',
      });
      expect(await provider.embed(['a', 'abc'])).toEqual([
        [1, 1],
        [3, 1],
      ]);
      expect(seen).toEqual([
        { url: '/v1/embeddings', auth: 'Bearer k', body: { model: 'm', input: ['a', 'abc'] } },
      ]);
    } finally {
      server.close();
    }
  });

  it('says which endpoint failed and how', async () => {
    const fetchStub: typeof fetch = () => Promise.resolve(new Response('quota exceeded', { status: 429 }));
    const provider = createOpenAIEmbeddingProvider({
      url: 'http://127.0.0.1:9/v1',
      model: 'm',
      fetch: fetchStub,
    });
    await expect(provider.embed(['x'])).rejects.toThrow(
      'http://127.0.0.1:9/v1/embeddings answered 429 quota exceeded',
    );
  });
});
