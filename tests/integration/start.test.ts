import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../packages/cli/bin/tacit.js', import.meta.url).pathname;

/** `tacit start` as a user runs it: a real process on a fresh data directory. */
describe('tacit start, as a process', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  let banner = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-start-'));
    // A file already in the data directory (a log, say) must not get in the way.
    writeFileSync(join(dir, 'server.log'), '');
    child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data-dir', dir, '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in 60 s: ${banner}`)), 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        banner += d.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(banner);
        if (m && banner.includes('secret key')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`tacit start exited with ${code}: ${banner}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL and ready-to-use keys of the default project', async () => {
    const sk = /secret key\s+(sk_\S+)/.exec(banner)?.[1];
    const pk = /public key\s+(pk_\S+)/.exec(banner)?.[1];
    expect(pk).toBeDefined();
    const res = await fetch(`${url}/v1/sessions`, { headers: { authorization: `Bearer ${sk}` } });
    expect(res.status).toBe(200);
    const health = (await (await fetch(`${url}/health`)).json()) as { backend: string };
    expect(health.backend).toBe('pglite');
    // The dashboard's link signs a browser in with the same secret key.
    expect(banner).toContain(`dashboard    ${url}/#key=${sk}`);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ui/app.js');
  });

  it('creates keys from another process while it serves, without touching its database', async () => {
    const { stdout } = await run(process.execPath, [bin, 'keys', 'create', '--json', '--data-dir', dir]);
    const keys = JSON.parse(stdout.trim().split('\n').at(-1)!) as { publicKey: string; secretKey: string };
    const body = JSON.stringify({
      events: [
        {
          id: 'p-1',
          type: 'copy',
          ts: '2026-11-23T12:00:00Z',
          sessionId: 'proc',
          generationId: 'g',
          properties: { chars: 1 },
        },
      ],
    });
    const post = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.publicKey}`, 'content-type': 'application/json' },
      body,
    });
    expect(post.status).toBe(200);
    const read = await fetch(`${url}/v1/sessions/proc`, {
      headers: { authorization: `Bearer ${keys.secretKey}` },
    });
    expect(read.status).toBe(200);
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    const second = await run(process.execPath, [bin, 'start', '--port', '0', '--data-dir', dir]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in second && second.code).toBe(1);
    expect((second as { stderr: string }).stderr).toContain('in use by process');
  });
});

describe('tacit start limits and origins from flags', () => {
  it('applies --max-batch, --body-limit-mb, --cors-origins and --no-dashboard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacit-start-flags-'));
    const child = spawn(
      process.execPath,
      [
        bin,
        'start',
        '--port',
        '0',
        '--data-dir',
        dir,
        '--log-level',
        'warn',
        '--max-batch',
        '2',
        '--body-limit-mb',
        '1',
        '--cors-origins',
        'https://app.example.com',
        '--no-dashboard',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let banner = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          banner += d.toString();
          const m = /listening on (http:\/\/[^\s]+)/.exec(banner);
          if (m && banner.includes('secret key')) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const pk = /public key\s+(pk_\S+)/.exec(banner)![1]!;
      const events = Array.from({ length: 3 }, (_, i) => ({
        id: `f${i}`,
        type: 'copy',
        ts: '2026-11-23T12:00:00Z',
        sessionId: 'f',
        generationId: 'g',
        properties: { chars: 1 },
      }));
      const post = (body: string) =>
        fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${pk}`, 'content-type': 'application/json' },
          body,
        });
      expect((await post(JSON.stringify({ events }))).status).toBe(413);
      expect((await post(JSON.stringify({ events: events.slice(0, 2) }))).status).toBe(200);
      expect((await post(JSON.stringify({ events: [], pad: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
      const preflight = (origin: string) =>
        fetch(`${url}/v1/events`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      expect((await preflight('https://app.example.com')).headers.get('access-control-allow-origin')).toBe(
        'https://app.example.com',
      );
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      expect(banner).not.toContain('dashboard');
      expect((await fetch(`${url}/`)).status).toBe(404);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
