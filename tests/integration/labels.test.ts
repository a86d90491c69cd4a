import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../packages/cli/src/commands/start.ts';
import { main } from '../../packages/cli/src/main.ts';
import type { Output } from '../../packages/cli/src/output.ts';
import { labeled, startTestTacit } from '../setup/tacit.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function chat(sessionId: string, then: 'copy' | 'undo'): unknown[] {
  const g = `${sessionId}-g`;
  return [
    {
      id: `${sessionId}-1`,
      type: 'message',
      ts: at(0),
      sessionId,
      properties: { text: 'Summarise the meeting notes' },
    },
    {
      id: `${sessionId}-2`,
      type: 'generation',
      ts: at(2),
      sessionId,
      generationId: g,
      properties: {
        prompt: 'Summarise the meeting notes',
        output: 'The team agreed to ship on Friday.',
        model: 'm',
        modelVersion: then === 'copy' ? 'good' : 'bad',
      },
    },
    ...(then === 'copy'
      ? [
          {
            id: `${sessionId}-3`,
            type: 'copy',
            ts: at(6),
            sessionId,
            generationId: g,
            properties: { chars: 34, fraction: 1 },
          },
        ]
      : [
          { id: `${sessionId}-3`, type: 'accept', ts: at(4), sessionId, generationId: g, properties: {} },
          { id: `${sessionId}-4`, type: 'undo', ts: at(5), sessionId, generationId: g, properties: {} },
        ]),
    { id: `${sessionId}-9`, type: 'session_end', ts: at(60), sessionId, properties: {} },
  ];
}

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), interactive: false };
}

describe('labels through the API and the CLI, with the labeling loop of tacit start', () => {
  let dir: string;
  let t: Running;
  const get = async (path: string, key = t.keys.secretKey) =>
    fetch(t.url + path, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-labels-'));
    t = await startTestTacit(dir, { workerOptions: { settleMs: 20, pollMs: 200 } });
    const events = [...chat('happy', 'copy'), ...chat('sad', 'undo')];
    const r = await fetch(`${t.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.publicKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(r.status).toBe(200);
    await labeled(t.url, t.keys.secretKey);
  }, 60_000);

  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('labels what was ingested: a copied answer beats an undone one', async () => {
    const happy = (await (await get('/v1/generations/happy-g/labels')).json()) as {
      label: { pGood: number };
      signals: { kind: string; evidence: string[] }[];
    };
    const sad = (await (await get('/v1/generations/sad-g/labels')).json()) as {
      label: { pGood: number };
      signals: { kind: string }[];
    };
    expect(happy.label.pGood).toBeGreaterThan(sad.label.pGood);
    expect(happy.signals.find((s) => s.kind === 'copied')?.evidence).toEqual(['happy-3']);
    expect(sad.signals.map((s) => s.kind)).toContain('immediate_undo');
    const session = (await (await get('/v1/sessions/sad/labels')).json()) as {
      outcome: { closed: boolean };
      dirty: boolean;
    };
    expect(session).toMatchObject({ dirty: false, outcome: { closed: true } });
  });

  it('filters labels by model version, signal and route, and refuses bad filters', async () => {
    const ids = async (q: string) =>
      ((await (await get(`/v1/labels?${q}`)).json()) as { labels: { generationId: string }[] }).labels.map(
        (l) => l.generationId,
      );
    expect(await ids('modelVersion=good')).toEqual(['happy-g']);
    expect(await ids('signal=immediate_undo')).toEqual(['sad-g']);
    expect((await ids('')).sort()).toEqual(['happy-g', 'sad-g']);
    const bad = await get('/v1/labels?grade=awesome');
    expect(bad.status).toBe(400);
    expect((await get('/v1/generations/nope/labels')).status).toBe(404);
    expect((await get('/v1/labels', t.keys.publicKey)).status).toBe(403);
  });

  it('takes a new product context as YAML, rejects a bad one by field, and backfills', async () => {
    const put = (body: string, q = '') =>
      fetch(`${t.url}/v1/context${q}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${t.keys.secretKey}`, 'content-type': 'application/yaml' },
        body,
      });
    const bad = await put('extends: chat\nsignals:\n  copied:\n    strength: lots\n');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      'signals.copied.strength',
    );
    const ok = (await (
      await put('extends: support\nversion: acme-support-1\n', '?backfill=true')
    ).json()) as {
      hash: string;
      backfill: number;
    };
    expect(ok.backfill).toBe(2);
    const ctx = (await (await get('/v1/context')).json()) as {
      source: string;
      hash: string;
      version: string;
    };
    expect(ctx).toMatchObject({ source: 'project', hash: ok.hash, version: 'acme-support-1' });
    const deadline = Date.now() + 20_000;
    let hash = '';
    while (hash !== ok.hash && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      hash = (
        (await (await get('/v1/generations/happy-g/labels')).json()) as { label: { contextHash: string } }
      ).label.contextHash;
    }
    expect(hash).toBe(ok.hash);
  });

  it('serves the same through the tacit CLI while the server owns the data directory', async () => {
    const c = capture();
    expect(await main(['labels', 'list', '--json', '--data-dir', dir, '--model-version', 'bad'], c)).toBe(0);
    expect(
      (JSON.parse(c.out[0]!) as { labels: { generationId: string }[] }).labels.map((l) => l.generationId),
    ).toEqual(['sad-g']);
    const s = capture();
    expect(await main(['labels', 'session', 'happy', '--data-dir', dir], s)).toBe(0);
    expect(s.out.join('\n')).toMatch(/outcome: \w+/);
    expect(s.out.join('\n')).toContain('copied');
    const file = join(dir, 'writing.yaml');
    writeFileSync(file, 'extends: writing\nversion: w-1\n');
    const b = capture();
    expect(await main(['label', '--backfill', '--context', file, '--data-dir', dir], b)).toBe(0);
    expect(b.out.join()).toContain('relabeled 2 sessions');
    const show = capture();
    await main(['context', 'show', '--json', '--data-dir', dir], show);
    expect((JSON.parse(show.out[0]!) as { version: string }).version).toBe('w-1');
    const missing = capture();
    expect(await main(['labels', 'show', 'nope', '--data-dir', dir], missing)).toBe(1);
    expect(missing.err.join()).toContain('no generation');
  });
});

describe('tacit label --backfill on a stopped embedded database', () => {
  it('labels in its own process with a progress report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacit-backfill-'));
    try {
      const file = join(dir, 'e.jsonl');
      writeFileSync(
        file,
        [...chat('x', 'copy'), ...chat('y', 'undo')].map((e) => JSON.stringify(e)).join('\n'),
      );
      expect(await main(['events', 'import', file, '--data-dir', dir], capture())).toBe(0);
      const b = capture();
      expect(await main(['label', '--backfill', '--context', 'code', '--data-dir', dir], b)).toBe(0);
      expect(b.out.join()).toContain('relabeled 2 sessions');
      const l = capture();
      await main(['labels', 'list', '--json', '--data-dir', dir], l);
      expect((JSON.parse(l.out[0]!) as { labels: unknown[] }).labels).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
