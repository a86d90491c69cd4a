import { validateEvent } from '@tacit/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulateCommand, type CommandIO } from './command.ts';
import type { TruthRecord } from './truth.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tacit-sim-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io(): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);

describe('tacit simulate', () => {
  it('writes valid events, the truth and the resolved config; the same flags give the same bytes', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const t = io();
    expect(
      await runSimulateCommand(
        ['--seed', '3', '--sessions', '40', '--product', 'writing', '--out', a, '--quiet'],
        t,
      ),
    ).toBe(0);
    expect(t.out()).toMatch(/simulated [\d,]+ events \(40 sessions/);
    const events = await lines(join(a, 'events.jsonl'));
    expect(events.length).toBeGreaterThan(200);
    for (const e of events) expect(validateEvent(e).ok).toBe(true);
    const truth = (await lines(join(a, 'truth.jsonl'))) as TruthRecord[];
    expect(truth.filter((r) => r.kind === 'session').length).toBe(40);
    expect(truth.every((r) => r.kind !== 'generation' || r.contentType === 'writing')).toBe(true);
    expect(JSON.parse(await readFile(join(a, 'config.json'), 'utf8'))).toMatchObject({
      seed: 3,
      sessions: 40,
      product: 'writing',
    });
    expect(
      await runSimulateCommand(
        ['--seed', '3', '--sessions', '40', '--product', 'writing', '--out', b, '--quiet'],
        io(),
      ),
    ).toBe(0);
    expect(await readFile(join(b, 'events.jsonl'), 'utf8')).toBe(
      await readFile(join(a, 'events.jsonl'), 'utf8'),
    );
  });

  it('applies --aa, --degrade and a --config file', async () => {
    const out = join(dir, 'c');
    const config = join(dir, 'sim.json');
    await writeFile(config, JSON.stringify({ days: 2, noise: { duplicate: 0 }, sessions: 99 }));
    const args = [
      '--config',
      config,
      '--sessions',
      '60',
      '--aa',
      '--degrade',
      'large-b@2026-05-02T00:00:00Z',
      '--degrade-by',
      '0.3',
      '--out',
      out,
      '--quiet',
    ];
    expect(await runSimulateCommand(args, io())).toBe(0);
    const cfg = JSON.parse(await readFile(join(out, 'config.json'), 'utf8')) as {
      days: number;
      sessions: number;
      models: { version: string; degrade?: { drop: number } }[];
    };
    expect(cfg.days).toBe(2);
    expect(cfg.sessions).toBe(60);
    expect(cfg.models.map((m) => m.version)).toEqual(['large-a', 'large-b']);
    expect(cfg.models[1]!.degrade?.drop).toBe(0.3);
    const truth = (await lines(join(out, 'truth.jsonl'))) as TruthRecord[];
    expect(truth.some((r) => r.kind === 'generation' && r.degraded)).toBe(true);
  });

  it('answers bad usage with exit code 2 and a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--sessions', 'many'], /--sessions: expected a number/],
      [['--degrade', 'nope@2026-05-02T00:00:00Z', '--out', join(dir, 'x')], /no model version "nope"/],
      [['--product', 'games', '--out', join(dir, 'x')], /product: expected one of/],
      [['--endpoint', 'http://127.0.0.1:9', '--out', join(dir, 'x')], /needs --key/],
    ];
    for (const [args, message] of cases) {
      const t = io();
      expect(await runSimulateCommand(args, t), args.join(' ')).toBe(2);
      expect(t.err()).toMatch(message);
    }
    const help = io();
    expect(await runSimulateCommand(['--help'], help)).toBe(0);
    expect(help.out()).toContain('--degrade VERSION@ISO');
  });

  it('sends the events to a server with --endpoint and writes the truth', async () => {
    let received = 0;
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const { events } = JSON.parse(raw) as { events: { id: string }[] };
        received += events.length;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            results: events.map((e, index) => ({ index, id: e.id, status: 'accepted' })),
            accepted: events.length,
            duplicate: 0,
            invalid: 0,
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const out = join(dir, 'd');
      const t = io();
      t.env.TACIT_KEY = 'tk_test';
      expect(
        await runSimulateCommand(
          ['--sessions', '30', '--endpoint', `http://127.0.0.1:${port}`, '--out', out, '--quiet'],
          t,
        ),
      ).toBe(0);
      expect(t.out()).toMatch(/sent [\d,]+ events of 30 sessions/);
      expect(received).toBeGreaterThan(100);
      const truth = (await lines(join(out, 'truth.jsonl'))) as TruthRecord[];
      expect(truth.filter((r) => r.kind === 'session').length).toBe(30);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
