import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trlDpoRowSchema, type DatasetCard } from '@tacit/core/datasets';
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

const OUTPUT = 'Dear landlord, the heater is broken. Please fix it soon. Thanks.';
const EDITED =
  'Hello Ms Park, the heater in flat 4 has not worked since Monday and the rooms are cold. Could someone repair it this week? Thank you, Sam.';

/** Sessions where the user rewrites the draft: one edit pair each. */
function eventsFile(dir: string, sessions: number): string {
  const lines: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const t = (k: number) => new Date(Date.UTC(2026, 4, 1 + s, 10, 0, k)).toISOString();
    const base = { sessionId: `s${s}` };
    lines.push(
      JSON.stringify({
        ...base,
        id: `m${s}`,
        type: 'message',
        ts: t(0),
        properties: { text: 'Write to my landlord' },
      }),
      JSON.stringify({
        ...base,
        id: `g${s}`,
        type: 'generation',
        ts: t(1),
        generationId: `gen${s}`,
        properties: {
          prompt: `Write to my landlord (${s})`,
          output: OUTPUT,
          model: 'm',
          modelVersion: 'v1',
          messageId: `m${s}`,
        },
      }),
      JSON.stringify({
        ...base,
        id: `e${s}`,
        type: 'edit',
        ts: t(20),
        generationId: `gen${s}`,
        properties: { text: EDITED },
      }),
      JSON.stringify({ ...base, id: `x${s}`, type: 'session_end', ts: t(30), properties: {} }),
    );
  }
  const file = join(dir, 'events.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('tacit export and tacit anchors import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-cli-export-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports DPO pairs with a card, warns loudly without anchors, and carries anchors once imported', async () => {
    const data = join(dir, 'data');
    expect(await main(['events', 'import', eventsFile(dir, 3), '--data-dir', data], capture())).toBe(0);
    const first = capture();
    const out = join(dir, 'out', 'pairs.jsonl');
    expect(await main(['export', 'dpo', '--out', out, '--seed', '7', '--data-dir', data], first)).toBe(0);
    expect(first.err.join('\n')).toMatch(/WARNING: TRAINING SET WITHOUT ANCHORS/);
    expect(first.out.join('\n')).toMatch(/exported 3 dpo rows \(edit 3\) from 3 sessions/);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => trlDpoRowSchema.parse(JSON.parse(l)));
    expect(rows.map((r) => [r.chosen, r.rejected])).toEqual([
      [EDITED, OUTPUT],
      [EDITED, OUTPUT],
      [EDITED, OUTPUT],
    ]);
    const card = JSON.parse(readFileSync(join(dir, 'out', 'pairs.card.json'), 'utf8')) as DatasetCard;
    expect(card).toMatchObject({
      rows: 3,
      seed: 7,
      counts: { source: { edit: 3 } },
      warnings: [expect.stringMatching(/ANCHORS/)],
    });
    expect(readFileSync(join(dir, 'out', 'pairs.card.md'), 'utf8')).toMatch(/Warning:/);

    const csv = join(dir, 'anchors.csv');
    writeFileSync(
      csv,
      'prompt,chosen,rejected,model_version\n"Say hi","Hi!","Go away.",human\n,,,\n"x",,,\n',
    );
    const imp = capture();
    expect(await main(['anchors', 'import', csv, '--data-dir', data], imp)).toBe(1);
    expect(imp.out.join()).toMatch(/1 new anchors, 0 updated, 1 bad records/);
    expect(imp.err.join()).toMatch(/line 4: .*response \+ label/);
    const second = capture();
    expect(await main(['export', 'dpo', '--out', out, '--seed', '7', '--data-dir', data], second)).toBe(0);
    expect(second.err.join()).not.toMatch(/WARNING/);
    expect(readFileSync(join(dir, 'out', 'pairs.anchors.jsonl'), 'utf8')).toContain('"chosen":"Hi!"');
  });

  it('goes through the running server while it owns the data directory', async () => {
    const data = join(dir, 'data');
    expect(await main(['events', 'import', eventsFile(dir, 2), '--data-dir', data], capture())).toBe(0);
    const running = await startTacit({
      port: 0,
      host: '127.0.0.1',
      target: resolveTarget({ dataDir: data }),
      config: { logLevel: 'silent' },
    });
    try {
      const jsonl = join(dir, 'anchors.jsonl');
      writeFileSync(jsonl, `${JSON.stringify({ prompt: 'Is it?', response: 'Yes.', label: 'good' })}\n`);
      expect(await main(['anchors', 'import', jsonl, '--data-dir', data], capture())).toBe(0);
      const c = capture();
      const out = join(dir, 'eval.parquet');
      expect(
        await main(['export', 'kto', '--format', 'parquet', '--out', out, '--data-dir', data, '--json'], c),
      ).toBe(0);
      const { card } = JSON.parse(c.out.join('')) as { card: DatasetCard };
      expect(card).toMatchObject({ kind: 'kto', format: 'parquet', anchors: { rows: 1 } });
      expect(existsSync(out) && existsSync(join(dir, 'eval.anchors.parquet'))).toBe(true);
      expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
    } finally {
      await running.stop();
    }
  });

  it('says what is wrong with a bad invocation', async () => {
    const c = capture();
    expect(await main(['export', 'sft', '--data-dir', join(dir, 'd')], c)).toBe(1);
    expect(c.err.join()).toMatch(/dpo, kto, openai-preference, eval, regression/);
    const s = capture();
    expect(await main(['export', 'eval', '--sample', 'weird', '--data-dir', join(dir, 'd')], s)).not.toBe(0);
    expect(s.err.join()).toMatch(/random, mixed_signals, high_retry, novel, worst_cohort/);
  });
});
