import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers a prompt (the last user message) deterministically. */
export type Responder = (prompt: string, body: Record<string, unknown>) => string;

export interface FakeOpenAI {
  /** Base URL for the `openai` client: `${url}/v1`. */
  baseURL: string;
  /** Bodies of the requests received, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const echo: Responder = (prompt) => `You asked: ${prompt}`;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.input === 'string') return body.input;
  const list = (body.messages ?? body.input) as { role?: string; content?: unknown }[] | undefined;
  const user = [...(list ?? [])].reverse().find((m) => m.role === 'user');
  const c = user?.content;
  if (typeof c === 'string') return c;
  return Array.isArray(c) ? c.map((p: { text?: string }) => p.text ?? '').join('') : '';
}

/** Splits an answer into stream deltas of a few words. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [''];
}

/**
 * A local server that speaks the OpenAI wire format for `POST /v1/chat/completions` and
 * `POST /v1/responses`, JSON and server-sent events (`stream: true`), with deterministic answers.
 * Tests point the official `openai` client at it (`baseURL`); the demo uses it as its "model".
 */
export async function startFakeOpenAI(respond: Responder = echo, port = 0): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const body = await readJson(req);
      requests.push({ path, body });
      const model = typeof body.model === 'string' ? body.model : 'fake-model';
      const answer = respond(lastUserText(body), body);
      const id = `fake-${++n}`;
      const created = 1_790_000_000 + n;
      const inputTokens = lastUserText(body).split(/\s+/).filter(Boolean).length;
      const outputTokens = pieces(answer).length;
      const sse = (chunks: unknown[], named: boolean): void => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const c of chunks) {
          const event = named ? `event: ${(c as { type: string }).type}\n` : '';
          res.write(`${event}data: ${JSON.stringify(c)}\n\n`);
        }
        if (!named) res.write('data: [DONE]\n\n');
        res.end();
      };
      if (path === '/v1/chat/completions') {
        const usage = {
          prompt_tokens: inputTokens,
          completion_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
        };
        if (body.stream === true) {
          const base = { id, object: 'chat.completion.chunk', created, model };
          const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)
            ?.include_usage;
          sse(
            [
              {
                ...base,
                choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
              },
              ...pieces(answer).map((p) => ({
                ...base,
                choices: [{ index: 0, delta: { content: p }, finish_reason: null }],
              })),
              { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
              ...(includeUsage ? [{ ...base, choices: [], usage }] : []),
            ],
            false,
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: answer, refusal: null },
                finish_reason: 'stop',
                logprobs: null,
              },
            ],
            usage,
          }),
        );
        return;
      }
      if (path === '/v1/responses') {
        const usage = {
          input_tokens: inputTokens,
          output_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
        };
        const message = {
          id: `msg-${n}`,
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: answer, annotations: [] }],
        };
        const response = {
          id: `resp-${n}`,
          object: 'response',
          created_at: created,
          model,
          status: 'completed',
          output: [message],
          usage,
        };
        if (body.stream === true) {
          let seq = 0;
          sse(
            [
              {
                type: 'response.created',
                sequence_number: seq++,
                response: { ...response, status: 'in_progress', output: [], usage: null },
              },
              ...pieces(answer).map((delta) => ({
                type: 'response.output_text.delta',
                sequence_number: seq++,
                item_id: message.id,
                output_index: 0,
                content_index: 0,
                delta,
              })),
              { type: 'response.completed', sequence_number: seq++, response },
            ],
            true,
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(response));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${path}`, type: 'invalid_request_error' } }));
    })().catch(() => {
      res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${bound}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
