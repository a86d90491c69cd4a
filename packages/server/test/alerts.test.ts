import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionResult } from '@tacit/core/monitor';
import { applySessionResult, Store } from '@tacit/store';
import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertScheduler } from '../src/alerts/scheduler.ts';
import { createKeys } from '../src/keys.ts';
import { startHarness, type Harness } from './harness.ts';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 20);

/** `n` sessions of `version`, 3 generations each, `retried` of every 10 generations retried. */
function sessions(
  projectId: string,
  version: string,
  n: number,
  retriedPer10: number,
  at: number,
): SessionResult[] {
  return Array.from({ length: n }, (_, i) => ({
    projectId,
    sessionId: `${version}-${i}`,
    startedAt: at + i * 60_000,
    outcome: 'completed' as const,
    retries: 0,
    generations: Array.from({ length: 3 }, (_, k) => ({
      modelVersion: version,
      signals: (i * 3 + k) % 10 < retriedPer10 ? ['retried'] : [],
      grade: 'accepted',
    })),
  }));
}

/** A webhook receiver answering `statuses` in turn (then 200). */
async function receiver(statuses: number[] = []) {
  const got: { id: string; type: string }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) {
        const body = JSON.parse(raw) as { tacit: { event: { id: string; type: string } } };
        got.push({ id: body.tacit.event.id, type: body.tacit.event.type });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise((r) => server.close(r)) };
}

const rules = (url: string) => ({
  rules: [
    {
      id: 'retry',
      metric: 'rate:retried',
      compare: { by: 'modelVersion' },
      direction: 'increase',
      minSessions: 100,
    },
  ],
  webhook: { url, maxAttempts: 2 },
});

describe.each(testBackends)('alert rules and scheduling on $name', (backend) => {
  let h: Harness;
  let n = 0;
  /** A project with v1 (10% retried) then v2 (30% retried), and its rules. */
  const project = async (url: string) => {
    const p = `alerts${n++}`;
    await h.store.projects.ensure(p, p);
    for (const s of [...sessions(p, 'v1', 200, 1, t0), ...sessions(p, 'v2', 200, 3, t0 + DAY)])
      await applySessionResult(h.store.db, p, s.sessionId, s);
    await h.store.alerts.setConfig(p, rules(url), JSON.stringify(rules(url)));
    return p;
  };
  const scheduler = (store: Store, id: string) =>
    new AlertScheduler({
      store,
      id,
      minIntervalMs: 60_000,
      // Clocks a second apart: two fired events would have different ids, so only the shared
      // state (not the id) can keep the second scheduler from firing again.
      now: () => t0 + 3 * DAY + (id === 'B' ? 1000 : 0),
      webhook: { baseDelayMs: 1, maxDelayMs: 5 },
    });

  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(async () => {
    await h.close();
  });

  it('validates rules by field, keeps the text, and serves the defaults until set', async () => {
    const keys = await createKeys(h.store, { projectId: 'rules', projectName: 'rules' });
    const put = (body: string, type: string) =>
      fetch(`${h.url}/v1/alerts/rules`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': type },
        body,
      });
    const before = (await (await h.get('/v1/alerts/rules', keys.secretKey)).json()) as {
      source: string;
      text: string;
    };
    expect(before.source).toBe('default');
    expect(before.text).toContain('metric: rate:retried');
    const bad = await put(
      'rules:\n  - id: r1\n    metric: rate:retried\n    direction: up\n    compare: { by: modelVersion, baseline: new }\nwebhook: { url: ftp://x }\n',
      'application/yaml',
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details.map((e) => e.path).sort()).toEqual(['rules[0].direction', 'webhook.url']);
    const cross = await put(
      JSON.stringify({
        rules: [
          {
            id: 'a',
            metric: 'rate:x',
            direction: 'increase',
            compare: { by: 'modelVersion', candidate: 'v1', baseline: 'v1' },
          },
        ],
      }),
      'application/json',
    );
    expect(((await cross.json()) as { error: { message: string } }).error.message).toBe(
      'rules[0].compare.baseline: expected a version other than the candidate',
    );
    const yaml =
      'rules:\n  - id: copy-drop\n    metric: rate:copied\n    direction: decrease\n    compare: { by: modelVersion }\n';
    expect((await put(yaml, 'application/yaml')).status).toBe(200);
    const after = (await (await h.get('/v1/alerts/rules', keys.secretKey)).json()) as {
      source: string;
      text: string;
      config: { rules: { minSessions: number }[] };
    };
    expect(after).toMatchObject({ source: 'project', text: yaml });
    expect(after.config.rules[0]!.minSessions).toBe(500);
    expect((await h.get('/v1/alerts/rules', keys.publicKey)).status).toBe(403);
  });

  it('two schedulers on one database send each alert once', async () => {
    const hook = await receiver();
    const p = await project(hook.url);
    // A second connection to the same database (PostgreSQL); the embedded one has a single owner.
    const other = backend.name === 'postgres' ? await Store.open({ databaseUrl: h.databaseUrl! }) : h.store;
    try {
      const a = scheduler(h.store, 'A');
      const b = scheduler(other, 'B');
      for (let i = 0; i < 3; i++) {
        await Promise.all([a.evaluateProject(p, { force: true }), b.evaluateProject(p, { force: true })]);
      }
      expect(hook.got).toHaveLength(1);
      expect(hook.got[0]!.id).toMatch(
        new RegExp(`^${p}\\|retry\\|modelVersion=v2>v1@2026-11-23T00:00:0[01]\\.000Z/fired$`),
      );
      const open = await h.store.alerts.open(p);
      expect(open.map((o) => o.dedupeKey)).toEqual([`${p}|retry|modelVersion=v2>v1`]);
      const [event] = await h.store.alerts.history(p, { limit: 10 });
      expect(event!.delivery).toMatchObject({ state: 'delivered', attempts: 1, status: 200 });
      // Without force, one scheduler takes the project's slot and the other skips it.
      await h.store.db
        .updateTable('alert_schedule')
        .set({ evaluated_at: null })
        .where('project_id', '=', p)
        .execute();
      const slots = await Promise.all([a.evaluateProject(p), b.evaluateProject(p)]);
      expect(slots.filter((s) => s !== undefined)).toHaveLength(1);
    } finally {
      if (other !== h.store) await other.close();
      await hook.close();
    }
  });

  it('retries a failed delivery on the next evaluation, and records the attempts', async () => {
    const hook = await receiver([503, 503, 503]);
    const p = await project(hook.url);
    const s = scheduler(h.store, 'C');
    const first = await s.evaluateProject(p, { force: true });
    expect(first!.deliveries.map((d) => d.outcome)).toEqual([
      { ok: false, attempts: 2, status: 503, error: 'HTTP 503' },
    ]);
    expect((await h.store.alerts.history(p, { limit: 1 }))[0]!.delivery.state).toBe('failed');
    const second = await s.evaluateProject(p, { force: true });
    expect(second!.events).toEqual([]); // nothing new happened…
    expect(second!.deliveries.map((d) => d.outcome.ok)).toEqual([true]); // …but the failed one went out
    expect(hook.got).toHaveLength(1);
    expect((await h.store.alerts.history(p, { limit: 1 }))[0]!.delivery).toMatchObject({
      state: 'delivered',
      attempts: 4,
    });
    await hook.close();
  });
});
