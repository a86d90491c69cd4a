import { validateEvent, type GenerationEvent } from '@tacit/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tacit } from '../src/client.ts';
import { generationIdOf, wrapOpenAI } from '../src/openai.ts';
import { startCollector, startFakeOpenAI, type Collector, type FakeOpenAI } from '../src/testing/index.ts';

let llm: FakeOpenAI;
let collector: Collector;
let tacit: Tacit;
let openai: OpenAI;
const errors: unknown[] = [];

beforeAll(async () => {
  [llm, collector] = await Promise.all([startFakeOpenAI(), startCollector()]);
  tacit = new Tacit({
    key: 'sk_test',
    endpoint: collector.url,
    flushIntervalMs: 10,
    onError: (e) => errors.push(e),
  });
  openai = wrapOpenAI(new OpenAI({ apiKey: 'sk-fake', baseURL: llm.baseURL, maxRetries: 0 }), tacit, {
    properties: { feature: 'tests' },
  });
});
afterAll(async () => {
  await tacit.shutdown();
  await Promise.all([llm.close(), collector.close()]);
});

async function generation(id: string | undefined): Promise<GenerationEvent> {
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const events = await collector.waitFor((es) =>
    es.some((e) => e.generationId === id && e.type === 'generation'),
  );
  const event = events.find((e) => e.generationId === id) as GenerationEvent;
  expect(validateEvent(event).ok).toBe(true);
  return event;
}

describe('wrapOpenAI', () => {
  it('logs a chat completion and hands its generation id to the caller', async () => {
    const completion = await tacit.withContext(
      { sessionId: 'sess-1', userId: 'u-1', messageId: 'msg-1' },
      () =>
        openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: [{ type: 'text', text: 'What is Tacit?' }] },
          ],
        }),
    );
    expect(completion.choices[0]?.message.content).toBe('You asked: What is Tacit?');
    // Not enumerable: what the app serialises is exactly what OpenAI sent.
    expect(Object.keys(completion)).not.toContain('tacitGenerationId');
    const event = await generation(generationIdOf(completion));
    expect(event).toMatchObject({
      sessionId: 'sess-1',
      userId: 'u-1',
      properties: {
        prompt: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What is Tacit?' },
        ],
        output: 'You asked: What is Tacit?',
        model: 'gpt-4o-mini',
        messageId: 'msg-1',
        usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 },
        finishReason: 'stop',
        provider: 'openai',
        api: 'chat.completions',
        feature: 'tests',
      },
      context: { sdk: { name: '@tacit/node', version: '0.1.0' } },
    });
    expect(event.properties.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('logs a streamed chat completion once the stream is read, with the id known up front', async () => {
    const pending = openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream this please' }],
      stream: true,
      stream_options: { include_usage: true },
      // Per-call context, removed before the request is sent.
      ...{ tacit: { sessionId: 'sess-2', parentId: 'gen-0' } },
    });
    const early = generationIdOf(pending);
    const stream = await pending;
    expect(generationIdOf(stream)).toBe(early);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('You asked: Stream this please');
    expect(llm.requests.at(-1)?.body).not.toHaveProperty('tacit');
    const event = await generation(early);
    expect(event).toMatchObject({
      sessionId: 'sess-2',
      properties: { output: text, parentId: 'gen-0', stream: true, usage: { outputTokens: 5 } },
    });
    expect(event.properties).not.toHaveProperty('incomplete');
  });

  it('logs what was shown when the reader stops a stream early', async () => {
    const stream = await openai.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'one two three four five' }],
      stream: true,
    });
    let shown = '';
    for await (const chunk of stream) {
      shown += chunk.choices[0]?.delta.content ?? '';
      if (shown.length > 5) break;
    }
    const event = await generation(generationIdOf(stream));
    expect(event.properties).toMatchObject({ output: shown, incomplete: true });
  });

  it('logs responses.create, plain and streamed', async () => {
    const response = await tacit.withContext({ sessionId: 'sess-3' }, () =>
      openai.responses.create({ model: 'gpt-4.1-mini', instructions: 'Be kind.', input: 'Hello there' }),
    );
    expect(response.output_text).toBe('You asked: Hello there');
    const plain = await generation(generationIdOf(response));
    expect(plain.properties).toMatchObject({
      prompt: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hello there' },
      ],
      output: 'You asked: Hello there',
      model: 'gpt-4.1-mini',
      api: 'responses',
      usage: { inputTokens: 2, outputTokens: 4, totalTokens: 6 },
    });

    const stream = await tacit.withContext({ sessionId: 'sess-3', generationId: 'gen-chosen' }, () =>
      openai.responses.create({ model: 'gpt-4.1-mini', input: 'Stream me', stream: true }),
    );
    let text = '';
    for await (const e of stream) if (e.type === 'response.output_text.delta') text += e.delta;
    expect(generationIdOf(stream)).toBe('gen-chosen');
    const events = await collector.waitFor((es) => es.some((e) => e.generationId === 'gen-chosen'));
    expect(events.find((e) => e.generationId === 'gen-chosen')?.properties).toMatchObject({
      prompt: 'Stream me',
      output: text,
      stream: true,
      usage: { totalTokens: 6 },
    });
  });

  it('sends this wire format for each kind of call (chat, responses; plain and streamed)', async () => {
    const bodies: { events: GenerationEvent[] }[] = [];
    let seed = 1;
    const recorded = new Tacit({
      key: 'sk_test',
      endpoint: 'http://tacit.invalid',
      app: 'acme',
      platform: {
        now: () => Date.parse('2026-11-23T12:00:00.000Z'),
        random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
        fetch: (_url, init) => {
          bodies.push(JSON.parse(init.body) as { events: GenerationEvent[] });
          return Promise.resolve({
            status: 200,
            headers: { get: () => null },
            json: () => Promise.resolve({}),
          });
        },
      },
    });
    const client = wrapOpenAI(
      new OpenAI({ apiKey: 'sk-fake', baseURL: llm.baseURL, maxRetries: 0 }),
      recorded,
      {
        properties: { feature: 'wire' },
      },
    );
    await recorded.withContext({ sessionId: 'sess-w', userId: 'u-1', messageId: 'msg-1' }, async () => {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const chat = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Stream' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of chat) void chunk;
      await client.responses.create({ model: 'gpt-4.1-mini', instructions: 'Be kind.', input: 'Hello' });
      const res = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Stream me', stream: true });
      for await (const event of res) void event;
    });
    expect(await recorded.flush()).toBe(0);
    const events = bodies.flatMap((b) => b.events);
    for (const e of events) expect(validateEvent(e).ok).toBe(true);
    // Latency is the one measured value: its presence is the format.
    for (const e of events) expect(e.properties.latencyMs).toBeGreaterThanOrEqual(0);
    expect(
      events.map((e) => ({ ...e, properties: { ...e.properties, latencyMs: '<ms>' } })),
    ).toMatchSnapshot();
  });

  it('passes errors through untouched and logs nothing for them', async () => {
    const before = collector.events.length;
    const broken = wrapOpenAI(
      new OpenAI({ apiKey: 'x', baseURL: `${llm.baseURL}/nowhere`, maxRetries: 0 }),
      tacit,
    );
    await expect(
      broken.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toThrow(/404/);
    await tacit.flush();
    expect(collector.events.length).toBe(before);
  });

  it('leaves the rest of the client alone', () => {
    const raw = new OpenAI({ apiKey: 'x', baseURL: llm.baseURL });
    const wrapped = wrapOpenAI(raw, tacit);
    expect(wrapped.models).toBe(raw.models);
    expect(wrapped.chat.completions).toBe(wrapped.chat.completions);
    expect(wrapped.baseURL).toBe(raw.baseURL);
  });
});
