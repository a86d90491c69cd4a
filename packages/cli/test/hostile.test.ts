import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';
import type { Output } from '../src/output.ts';

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), interactive: false };
}

/**
 * Every command, given malformed and hostile arguments: a non-zero exit and one clear `tacit:`
 * or usage line naming the problem — never a stack trace, never a half-done change.
 */
describe('tacit commands against bad input', () => {
  let dir: string;
  const bad = join(tmpdir(), 'no-such-file-for-tacit.yaml');
  const cases: [string, string[], RegExp][] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-cli-hostile-'));
    const d = ['--data-dir', dir];
    const badYaml = join(dir, 'bad.yaml');
    writeFileSync(badYaml, 'signals:\n  copied:\n    strength: lots\n');
    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, 'prompt,response,label\n"unterminated');
    cases.push(
      ['unknown option', ['keys', 'list', '--frobnicate', ...d], /unknown option/],
      ['unknown command', ['label-everything'], /unknown command/],
      ['port out of range', ['start', '--port', '70000', ...d], /0\.\.65535/],
      ['missing import file', ['events', 'import', bad, ...d], /no such file/],
      ['batch too large', ['events', 'import', bad, '--batch', '1e9', ...d], /1\.\.1000/],
      ['revoke unknown key', ['keys', 'revoke', "' OR 1=1 --", ...d], /no active key/],
      ['label without --backfill', ['label', ...d], /--backfill/],
      [
        'backfill under a missing context file',
        ['label', '--backfill', '--context', bad, ...d],
        /no such file/,
      ],
      ['invalid context file', ['context', 'set', badYaml, ...d], /signals\.copied\.strength/],
      ['bad grade', ['labels', 'list', '--grade', 'awesome', ...d], /awesome/],
      ['bad time', ['labels', 'list', '--since', 'yesterday', ...d], /since/],
      ['bad limit', ['labels', 'list', '--limit', '-5', ...d], /1\.\.1000/],
      ['unknown generation', ['labels', 'show', '../../etc/passwd', ...d], /no generation/],
      ['unknown session', ['labels', 'session', 'x'.repeat(300), ...d], /session|256/],
      ['unknown export kind', ['export', 'sft', '--out', join(dir, 'o.jsonl'), ...d], /sft|kind/],
      [
        'bad export time',
        ['export', 'dpo', '--since', 'last week', '--out', join(dir, 'o.jsonl'), ...d],
        /since/,
      ],
      [
        'bad min confidence',
        ['export', 'eval', '--min-confidence', '7', '--out', join(dir, 'o.jsonl'), ...d],
        /confidence/,
      ],
      [
        'bad sample strategy',
        ['export', 'eval', '--sample', 'everything', '--out', join(dir, 'o.jsonl'), ...d],
        /everything|sample/,
      ],
      ['missing anchors file', ['anchors', 'import', bad, ...d], /no such file/],
      ['malformed anchors CSV', ['anchors', 'import', badCsv, ...d], /line|Quote|quote|bad|invalid/i],
      ['bad monitor window', ['monitor', '--window', 'fortnight', ...d], /fortnight|window/],
      ['bad monitor metric', ['monitor', '--metric', 'vibes', ...d], /vibes|metric/],
      ['missing alert rules file', ['alerts', 'rules', 'set', bad, ...d], /no such file/],
      ['simulate with a bad flag', ['simulate', '--sessions', 'many'], /sessions/],
      ['demo with a bad seed', ['demo', '--seed', 'x', ...d], /seed|integer/],
      ['worker with a bad batch', ['worker', '--batch', '0', ...d], /1\.\.10000/],
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses each with a non-zero exit and a clear message', async () => {
    for (const [what, argv, message] of cases) {
      const c = capture();
      const code = await main(argv, c);
      const text = [...c.err, ...c.out].join('\n');
      expect(code, `${what}: ${text}`).not.toBe(0);
      expect(text, what).toMatch(message);
      expect(text, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  }, 120_000);
});
