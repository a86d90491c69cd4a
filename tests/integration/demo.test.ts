import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '@tacit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMonth } from '../../packages/cli/src/demo/month.ts';

const bin = new URL('../../packages/cli/bin/tacit.js', import.meta.url).pathname;
const SESSIONS = 120;
const SEED = 5;

interface Run {
  log: string;
  url: string;
  secretKey: string;
  /** Stops the server (as Ctrl+C would) and resolves to its exit code. */
  stop(): Promise<number | null>;
}

/** `tacit demo` as a user runs it, up to "demo ready". */
async function demo(dir: string, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [bin, 'demo', '--data-dir', dir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "demo ready" in 90 s:\n${log}`)), 90_000);
    const read = (d: Buffer) => {
      log += d.toString();
      if (/demo ready[\s\S]*Ctrl\+C/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => reject(new Error(`tacit demo exited with ${code}:\n${log}`)));
  });
  return {
    log,
    url: /listening on (http:\/\/\S+)/.exec(log)![1]!,
    secretKey: /secret key\s+(sk_\S+)/.exec(log)![1]!,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

interface SessionRow {
  id: string;
  eventCount: number;
}

async function allSessions(run: Run, query = ''): Promise<SessionRow[]> {
  const res = await fetch(`${run.url}/v1/sessions?limit=1000${query}`, {
    headers: { authorization: `Bearer ${run.secretKey}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { sessions: SessionRow[]; next: string | null };
  expect(body.next).toBeNull();
  return body.sessions;
}

/** What the simulator generates for the demo's month of this seed: sessions, distinct events, v3 sessions. */
function expected(start: string) {
  const month = demoMonth({ seed: SEED, sessions: SESSIONS, start });
  const end = Date.parse(month.end);
  // Sessions of the month (a session's truth comes before its events); distinct event ids of each.
  const events = new Map<string, Set<string>>();
  const v3 = new Set<string>();
  let degraded = 0;
  for (const r of simulate(month.simulation)) {
    if (r.kind === 'session' && Date.parse(r.start) < end) events.set(r.sessionId, new Set());
    else if (r.kind === 'generation' && r.degraded) degraded++;
    else if (r.kind === 'event' && events.has(r.event.sessionId)) {
      events.get(r.event.sessionId)!.add(r.event.id);
      if (r.event.type === 'generation' && r.event.properties.modelVersion === 'v3')
        v3.add(r.event.sessionId);
    }
  }
  return {
    sessions: events.size,
    events: [...events.values()].reduce((n, s) => n + s.size, 0),
    v3Sessions: v3.size,
    degraded,
    month,
  };
}

/** `tacit demo` end to end: a real process, a temp data directory, the data read back over HTTP. */
describe('tacit demo, as a process', () => {
  let dir: string;
  let first: Run;
  let start: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-demo-'));
    first = await demo(dir, '--sessions', String(SESSIONS), '--seed', String(SEED));
    start = /sessions from (\S+) to/.exec(first.log)![1]!;
  }, 120_000);

  afterAll(async () => {
    await first.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the simulated month for its seed, once each event, regressing version included', async () => {
    const want = expected(start);
    const sessions = await allSessions(first);
    expect(sessions).toHaveLength(want.sessions);
    expect(sessions.reduce((n, s) => n + s.eventCount, 0)).toBe(want.events);
    expect(first.log).toContain(`project demo holds ${want.events.toLocaleString('en-US')} events`);

    // v3 serves part of the traffic and regresses from day 20, as announced.
    expect(want.v3Sessions).toBeGreaterThan(0);
    expect(want.degraded).toBeGreaterThan(0);
    expect(await allSessions(first, '&modelVersion=v3')).toHaveLength(want.v3Sessions);
    expect(first.log).toContain(`v3 regresses from ${want.month.regressionFrom}`);
    expect(Date.parse(want.month.regressionFrom) - Date.parse(start)).toBe(20 * 86_400_000);
  });

  it('prints calls that work: a session and a generation of the regressed version', async () => {
    const calls = [...first.log.matchAll(/curl -s '(\S+)'/g)].map((m) => m[1]!);
    expect(calls.some((c) => c.endsWith('/openapi.json'))).toBe(true);
    for (const path of ['/v1/sessions/', '/v1/generations/']) {
      const url = calls.find((c) => c.includes(path));
      expect(url).toBeDefined();
      const res = await fetch(url!, { headers: { authorization: `Bearer ${first.secretKey}` } });
      expect(res.status).toBe(200);
    }
  });

  it('stores nothing twice when run again: served as it is, or sent again after an interruption', async () => {
    expect(await first.stop()).toBe(0);
    const want = expected(start);

    // Finished: served as it is.
    const again = await demo(dir);
    try {
      expect(again.log).toContain('is already in project demo; nothing was sent again');
      expect(again.secretKey).toBe(first.secretKey);
      const sessions = await allSessions(again);
      expect(sessions.reduce((n, s) => n + s.eventCount, 0)).toBe(want.events);
    } finally {
      expect(await again.stop()).toBe(0);
    }

    // Interrupted (no completion mark): the same events are sent again and acknowledged as duplicates.
    const manifest = join(dir, 'demo.json');
    const { loaded: _, ...interrupted } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(manifest, JSON.stringify(interrupted));
    const resumed = await demo(dir);
    try {
      expect(resumed.log).toContain('finishing loading');
      expect(resumed.log).toMatch(/\(0 stored, [\d,]+ duplicates acknowledged\)/);
      const sessions = await allSessions(resumed);
      expect(sessions).toHaveLength(want.sessions);
      expect(sessions.reduce((n, s) => n + s.eventCount, 0)).toBe(want.events);
    } finally {
      await resumed.stop();
    }
    first = resumed;
  }, 240_000);

  it('refuses to mix another month into a loaded demo', async () => {
    const child = spawn(process.execPath, [bin, 'demo', '--data-dir', dir, '--sessions', '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(`already holds a demo of ${SESSIONS} sessions (seed ${SEED})`);
  }, 60_000);
});
