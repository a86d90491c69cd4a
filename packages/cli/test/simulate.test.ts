import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

describe('tacit simulate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-sim-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes events and the ground truth with the simulator flags', async () => {
    const c = capture();
    const out = join(dir, 'sim');
    const args = [
      'simulate',
      '--seed',
      '3',
      '--sessions',
      '20',
      '--product',
      'code',
      '--quiet',
      '--out',
      out,
    ];
    expect(await main(args, c)).toBe(0);
    const events = lines(join(out, 'events.jsonl'));
    expect(c.out.join()).toContain(`simulated ${events.length} events (20 sessions`);
    const truth = lines(join(out, 'truth.jsonl')).map((l) => JSON.parse(l) as { kind: string });
    expect(truth.filter((t) => t.kind === 'session')).toHaveLength(20);
  });

  it('shows its flags, and refuses unknown ones with exit code 2', async () => {
    const help = capture();
    expect(await main(['simulate', '--help'], help)).toBe(0);
    expect(help.out.join('\n')).toMatch(/--degrade VERSION@ISO/);
    const bad = capture();
    expect(await main(['simulate', '--sessionz', '5'], bad)).toBe(2);
    expect(bad.err.join('\n')).toContain("Unknown option '--sessionz'");
    const top = capture();
    await main(['--help'], top);
    expect(top.out.join('\n')).toMatch(/simulate[\s\S]*demo|demo[\s\S]*simulate/);
  });

  it('sends to a running server with --endpoint and --key', async () => {
    const target = resolveTarget({ dataDir: join(dir, 'db') });
    const running = await startTacit({ port: 0, host: '127.0.0.1', target, config: { logLevel: 'silent' } });
    try {
      const c = capture();
      const args = ['simulate', '--sessions', '15', '--quiet', '--out', join(dir, 'sent')];
      expect(await main([...args, '--endpoint', running.url, '--key', running.keys.publicKey], c)).toBe(0);
      const accepted = Number(/(\d+) accepted/.exec(c.out.join())?.[1]);
      expect(accepted).toBeGreaterThan(0);
      expect(await running.store.events.count(running.keys.projectId)).toBe(accepted);
    } finally {
      await running.stop();
    }
  });
});
