import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildBrowserSdk } from '@tacit/browser/build';
import { generationIdOf, Tacit, wrapOpenAI, type TacitError } from '@tacit/node';
import { startFakeOpenAI } from '@tacit/node/testing';
import OpenAI from 'openai';
import { demoResponder } from './responder.ts';

export interface DemoOptions {
  /** Port of the page; 0 picks a free one. Default 5173. */
  port?: number;
  host?: string;
  /** Where Tacit listens. Default `http://127.0.0.1:7400`. */
  tacitEndpoint?: string;
  /** Public key for the page's browser SDK. */
  publicKey?: string;
  /** Secret key for the server's Node SDK. */
  secretKey?: string;
  /** How long the page's SDK waits before sending a batch. Default 2000 ms. */
  flushIntervalMs?: number;
  /** Where SDK problems are reported (the server's); default stderr. */
  onError?: (error: TacitError) => void;
}

export interface Demo {
  url: string;
  close(): Promise<void>;
}

const publicDir = new URL('../public/', import.meta.url);
const file = (name: string): string => readFileSync(new URL(name, publicDir), 'utf8');

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

/**
 * Starts the demo chat: a page instrumented with `@tacit/browser`, a `/api/chat` route that
 * answers through the official `openai` client wrapped by `@tacit/node`, and a local
 * deterministic model speaking the OpenAI wire format. Nothing leaves the machine but the events
 * sent to `tacitEndpoint`.
 *
 * @example
 * const demo = await startDemo({ port: 0, tacitEndpoint: 'http://127.0.0.1:7400', publicKey, secretKey });
 * console.log(`open ${demo.url}`);
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const endpoint = options.tacitEndpoint ?? 'http://127.0.0.1:7400';
  const flushIntervalMs = options.flushIntervalMs ?? 2000;
  const onError =
    options.onError ?? ((e: TacitError) => process.stderr.write(`tacit: ${e.code} ${e.message}\n`));
  const [bundle, model] = await Promise.all([buildBrowserSdk(), startFakeOpenAI(demoResponder)]);
  const tacit = new Tacit({
    key: options.secretKey ?? 'sk_demo',
    endpoint,
    app: 'demo-chat',
    contentType: 'chat',
    // Server-side logging is not what the demo shows; send generations promptly.
    flushIntervalMs: Math.min(flushIntervalMs, 500),
    onError,
  });
  const openai = wrapOpenAI(
    new OpenAI({ apiKey: 'not-needed', baseURL: model.baseURL, maxRetries: 0 }),
    tacit,
    {
      properties: { feature: 'demo-chat' },
    },
  );
  const config = {
    endpoint,
    key: options.publicKey ?? 'pk_demo',
    flushIntervalMs,
  };
  const page = (name: string): string =>
    file(name).replace(
      '<!--TACIT_CONFIG-->',
      `<script>window.TACIT_CONFIG = ${JSON.stringify(config)};</script>`,
    );

  const chat = async (body: Record<string, unknown>): Promise<{ generationId?: string; text: string }> => {
    const text = typeof body.text === 'string' ? body.text : '';
    const attempt = Number(body.attempt ?? 1);
    const completion = await tacit.withContext(
      {
        sessionId: typeof body.sessionId === 'string' ? body.sessionId : undefined,
        messageId: typeof body.messageId === 'string' ? body.messageId : undefined,
        parentId: typeof body.parentId === 'string' ? body.parentId : undefined,
        promptVersion: 'demo-v1',
      },
      () =>
        openai.chat.completions.create({
          model: 'demo-model',
          messages: [
            { role: 'system', content: `You are the demo assistant. Attempt ${attempt}.` },
            { role: 'user', content: text },
          ],
        }),
    );
    return { generationId: generationIdOf(completion), text: completion.choices[0]?.message.content ?? '' };
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, type: string, body: string): void => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (req.method === 'POST' && path === '/api/chat') {
        send(200, 'application/json', JSON.stringify(await chat(await readJson(req))));
      } else if (path === '/') send(200, 'text/html; charset=utf-8', page('index.html'));
      else if (path === '/elsewhere') send(200, 'text/html; charset=utf-8', page('elsewhere.html'));
      else if (path === '/app.js') send(200, 'text/javascript', file('app.js'));
      else if (path === '/tacit.js') send(200, 'text/javascript', bundle.iife);
      else send(404, 'text/plain', 'not found');
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 5173, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([tacit.shutdown(), model.close()]);
    },
  };
}
