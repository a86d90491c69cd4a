import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@tacit/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTacit } from '../src/commands/start.ts';
import { main } from '../src/main.ts';
import type { Output } from '../src/output.ts';
import { resolveTarget } from '../src/target.ts';

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), interactive: false };
}

const event = (i: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `imp-${i}`,
    type: 'copy',
    ts: '2026-11-23T12:00:00Z',
    sessionId: `s-${i % 3}`,
    generationId: 'g',
    properties: { chars: i, fraction: 0.5 },
    ...over,
  });

describe('tacit CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates keys as JSON, lists them by prefix, and revokes them', async () => {
    const c = capture();
    expect(await main(['keys', 'create', '--json', '--data-dir', dir], c)).toBe(0);
    const keys = JSON.parse(c.out[0]!) as { projectId: string; publicKey: string; secretKey: string };
    expect(keys).toEqual({
      projectId: 'default',
      publicKey: expect.stringMatching(/^pk_/),
      secretKey: expect.stringMatching(/^sk_/),
    });

    const l = capture();
    expect(await main(['keys', 'list', '--data-dir', dir], l)).toBe(0);
    const listing = l.out.join('\n');
    expect(listing).toContain(keys.publicKey);
    expect(listing).toContain(keys.secretKey.slice(0, 10));
    expect(listing).not.toContain(keys.secretKey);

    const r = capture();
    expect(await main(['keys', 'revoke', keys.secretKey, '--data-dir', dir], r)).toBe(0);
    const again = capture();
    expect(await main(['keys', 'revoke', keys.secretKey, '--data-dir', dir], again)).toBe(1);
    expect(again.err.join()).toContain('no active key');
  });

  it('creates keys for a new project, apart from the default one', async () => {
    const a = capture();
    await main(['keys', 'create', '--json', '--new-project', 'Acme', '--data-dir', dir], a);
    const b = capture();
    await main(['keys', 'create', '--json', '--data-dir', dir], b);
    const [ka, kb] = [JSON.parse(a.out[0]!), JSON.parse(b.out[0]!)] as { projectId: string }[];
    expect(ka!.projectId).not.toBe(kb!.projectId);
  });

  it('imports JSONL: keeps good lines, reports bad ones by line number', async () => {
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [
        event(1),
        '{not json',
        event(2, { properties: { chars: 'many' } }),
        '',
        event(3),
        event(1), // a duplicate of line 1
        event(4, { type: 'teleport' }),
        '[]',
        event(5),
      ].join('\n') + '\n',
    );
    const c = capture();
    const code = await main(['events', 'import', file, '--data-dir', dir, '--batch', '2'], c);
    expect(code).toBe(1);
    const err = c.err.join('\n');
    expect(err).toMatch(/line 2: not JSON/);
    expect(err).toMatch(/line 3: properties\.chars: expected number, got string/);
    expect(err).toMatch(/line 7: type: expected one of the event types, got "teleport"/);
    expect(err).toMatch(/line 8: \(event\)/);
    expect(c.out.join()).toContain('3 stored, 1 duplicates, 4 bad lines');
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.events.count('default')).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('goes through the running server while it owns the data directory', async () => {
    const target = resolveTarget({ dataDir: dir });
    const running = await startTacit({ port: 0, host: '127.0.0.1', target, config: { logLevel: 'silent' } });
    try {
      const file = join(dir, 'e.jsonl');
      writeFileSync(file, [event(10), event(11), 'oops'].join('\n'));
      const c = capture();
      expect(await main(['events', 'import', file, '--data-dir', dir], c)).toBe(1);
      expect(c.out.join()).toContain('2 stored');
      const k = capture();
      expect(await main(['keys', 'create', '--json', '--data-dir', dir], k)).toBe(0);
      const { secretKey } = JSON.parse(k.out[0]!) as { secretKey: string };
      const res = await fetch(`${running.url}/v1/sessions`, {
        headers: { authorization: `Bearer ${secretKey}` },
      });
      expect(((await res.json()) as { sessions: unknown[] }).sessions.length).toBe(2);
    } finally {
      await running.stop();
    }
  });

  it('prints the same dev keys on every start of one data directory', async () => {
    const target = resolveTarget({ dataDir: dir });
    const first = await startTacit({ port: 0, host: '127.0.0.1', target, config: { logLevel: 'silent' } });
    await first.stop();
    const second = await startTacit({ port: 0, host: '127.0.0.1', target, config: { logLevel: 'silent' } });
    try {
      expect(second.keys).toEqual(first.keys);
      const res = await fetch(`${second.url}/v1/sessions`, {
        headers: { authorization: `Bearer ${second.keys.secretKey}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('says clearly what is wrong with bad invocations', async () => {
    const missing = capture();
    expect(await main(['events', 'import', join(dir, 'nope.jsonl'), '--data-dir', dir], missing)).toBe(1);
    expect(missing.err.join()).toContain('no such file');
    const badBatch = capture();
    expect(await main(['events', 'import', 'x', '--batch', '5000', '--data-dir', dir], badBatch)).not.toBe(0);
    expect(badBatch.err.join()).toContain('1..1000');
    const unknown = capture();
    expect(await main(['frobnicate'], unknown)).not.toBe(0);
    expect(unknown.err.join()).toContain('unknown command');
  });
});
