import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AA_MODELS, sendEvents, simulateEvents } from '@tacit/simulator';
import { createKeys, type CreatedKeys } from '@tacit/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../packages/cli/src/commands/start.ts';
import { main } from '../../packages/cli/src/main.ts';
import type { Output } from '../../packages/cli/src/output.ts';
import { labeled, startTestTacit } from '../setup/tacit.ts';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    text: string;
    blocks: { type: string }[];
    tacit: { event: { id: string; type: string; ruleId: string }; evaluation: { status: string } };
  };
}

/** A webhook receiver on a loopback port that records every POST. */
async function receiver(): Promise<{ url: string; got: Delivery[]; server: Server }> {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as Delivery['body'] });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, server };
}

const rules = (webhook: string) => `
rules:
  - id: retry-regression
    metric: rate:retried
    compare: { by: modelVersion, candidate: large-b, baseline: large-a }
    direction: increase
    minSessions: 60
  - id: rejected-regression
    metric: grade:rejected
    compare: { by: modelVersion, candidate: large-b, baseline: large-a }
    direction: increase
    minSessions: 60
webhook:
  url: ${webhook}
`;

/** Two days of traffic ending an hour ago; `large-b` answers worse from the start when degraded. */
function traffic(seed: number, degraded: boolean) {
  const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 49 * 3_600_000).toISOString();
  return simulateEvents({
    seed,
    sessions: 300,
    days: 2,
    start,
    product: 'chat',
    models: AA_MODELS.map((m) =>
      m.version === 'large-b' && degraded ? { ...m, degrade: { from: start, drop: 0.3 } } : m,
    ),
  });
}

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), interactive: false };
}

describe('drift alerts: simulator → HTTP API → worker → rollups → scheduler → webhook', () => {
  let dir: string;
  let t: Running;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let aa: CreatedKeys;
  const api = (path: string, key: string, init: RequestInit = {}) =>
    fetch(t.url + path, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
  const json = async <T>(r: Promise<Response>) => (await r).json() as Promise<T>;

  beforeAll(async () => {
    hook = await receiver();
    dir = mkdtempSync(join(tmpdir(), 'tacit-monitoring-'));
    t = await startTestTacit(dir, {
      workerOptions: { settleMs: 20, pollMs: 200, batch: 200 },
      alertOptions: { intervalMs: 60_000, minIntervalMs: 0, debounceMs: 200, webhook: { baseDelayMs: 10 } },
    });
    aa = await createKeys(t.store, { projectId: 'aa', projectName: 'A/A split' });
    for (const [keys, path] of [
      [t.keys, '/degraded'],
      [aa, '/aa'],
    ] as const) {
      const put = await api('/v1/alerts/rules', keys.secretKey, {
        method: 'PUT',
        headers: { 'content-type': 'application/yaml' },
        body: rules(hook.url + path),
      });
      expect(put.status).toBe(200);
    }
    await sendEvents({ endpoint: t.url, key: t.keys.publicKey }, traffic(11, true));
    await sendEvents({ endpoint: t.url, key: aa.publicKey }, traffic(11, false));
    for (const keys of [t.keys, aa]) await labeled(t.url, keys.secretKey, 90_000, 200);
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    await new Promise((r) => hook.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires on the degraded version and sends exactly one Slack-compatible webhook', async () => {
    const deadline = Date.now() + 30_000;
    let open: { ruleId: string; summary: string }[] = [];
    while (Date.now() < deadline) {
      open = (await json<{ open: typeof open }>(api('/v1/alerts', t.keys.secretKey))).open;
      if (open.length > 0 && hook.got.some((d) => d.path === '/degraded')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(open.map((a) => a.ruleId)).toContain('retry-regression');
    expect(open[0]!.summary).toMatch(/rose on modelVersion large-b vs large-a/);
    // More evaluations (on demand, and the scheduler's own) send nothing new while it stays open.
    await api('/v1/alerts/evaluate', t.keys.secretKey, { method: 'POST' });
    await api('/v1/alerts/evaluate', t.keys.secretKey, { method: 'POST' });
    const sent = hook.got.filter((d) => d.path === '/degraded');
    const firing = new Set(open.map((a) => a.ruleId));
    expect(sent).toHaveLength(firing.size);
    const retry = sent.find((d) => d.body.tacit.event.ruleId === 'retry-regression')!;
    expect(retry.body.text).toMatch(/^\[FIRING\] retry-regression: rate:retried rose/);
    expect(retry.body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(retry.body.tacit.event.type).toBe('fired');
    expect(retry.headers['idempotency-key']).toBe(retry.body.tacit.event.id);
    const history = await json<{ history: { id: string; delivery: { state: string } }[] }>(
      api('/v1/alerts', t.keys.secretKey),
    );
    expect(history.history.map((h) => h.delivery.state)).toEqual(sent.map(() => 'delivered'));
  });

  it('does not fire on the A/A split', async () => {
    await api('/v1/alerts/evaluate', aa.secretKey, { method: 'POST' });
    const r = await json<{ open: unknown[]; history: unknown[] }>(api('/v1/alerts', aa.secretKey));
    expect(r).toEqual({ open: [], history: [] });
    expect(hook.got.filter((d) => d.path === '/aa')).toEqual([]);
  });

  it('serves rates with intervals, series and comparisons, and tacit monitor prints them', async () => {
    const rates = await json<{
      rates: { metric: string; group: string; rate: number; lower: number; upper: number }[];
    }>(api('/v1/monitor/rates?metric=rate:retried&since=2020-01-01T00:00:00Z', t.keys.secretKey));
    const byVersion = Object.fromEntries(rates.rates.map((r) => [r.group, r]));
    expect(byVersion['large-b']!.rate).toBeGreaterThan(byVersion['large-a']!.rate);
    for (const r of rates.rates) expect(r.lower <= r.rate && r.rate <= r.upper).toBe(true);
    const series = await json<{ series: { group: string; points: { windowStart: string }[] }[] }>(
      api(
        '/v1/monitor/series?metric=rate:retried&window=hour&groupBy=modelVersion&since=2020-01-01T00:00:00Z',
        t.keys.secretKey,
      ),
    );
    expect(series.series.map((s) => s.group)).toEqual(['large-a', 'large-b']);
    expect(series.series[0]!.points.length).toBeGreaterThan(10);
    const bad = await api('/v1/monitor/series?metric=retry', t.keys.secretKey);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^query\.metric: expected rate:/,
    );

    const filtered = await api(
      '/v1/monitor/compare?metric=rate:retried&modelVersion=large-a',
      t.keys.secretKey,
    );
    expect(((await filtered.json()) as { error: { message: string } }).error.message).toBe(
      'query.modelVersion: cannot filter on modelVersion: the versions are compared by it',
    );
    const out = capture();
    const code = await main(
      [
        'monitor',
        '--data-dir',
        dir,
        '--since',
        '2020-01-01T00:00:00Z',
        '--candidate',
        'large-b',
        '--baseline',
        'large-a',
      ],
      out,
    );
    expect(code, out.err.join('\n')).toBe(0);
    const text = out.out.join('\n');
    expect(text).toMatch(/rate:retried\s+large-b/);
    expect(text).toMatch(/large-b vs large-a:/);
    expect(text).toMatch(/SIGNIFICANT/);
    expect(text).toMatch(/^ {2}retry-regression since .*rose on modelVersion large-b vs large-a/m);
    const asJson = capture();
    await main(
      [
        'monitor',
        '--data-dir',
        dir,
        '--since',
        '2020-01-01T00:00:00Z',
        '--json',
        '--candidate',
        'large-b',
        '--baseline',
        'large-a',
      ],
      asJson,
    );
    const parsed = JSON.parse(asJson.out.join('')) as {
      comparisons: { metric: string; test: { q: number } }[];
      open: unknown[];
    };
    expect(parsed.comparisons.map((c) => c.metric)).toEqual(['rate:retried', 'grade:rejected']);
    expect(parsed.comparisons[0]!.test.q).toBeLessThan(0.01);
    expect(parsed.open.length).toBeGreaterThan(0);
  });
});
