import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinContext, contextHash } from '@tacit/core/context';
import { buildApp, createKeys } from '@tacit/server';
import { openStore } from '@tacit/store';
import type { Task } from '../runner.ts';
import { requireSharedData } from '../shared-data.ts';

interface LampRecord {
  instruction: string;
  preedit: string;
  postedit: string;
  source?: string;
  type?: string;
}

const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);

/**
 * One writing session per LAMP record, as a writing tool's SDKs would log it: the writer's
 * instruction (a message), the model's draft (a generation, `preedit`), the writer inserting it
 * (accept), their edit (the final text, `postedit`), the document published (complete), the end.
 */
function sessionEvents(r: LampRecord, n: number): Record<string, unknown>[] {
  const sessionId = `lamp-${n}`;
  const generationId = `lamp-gen-${n}`;
  const ts = (s: number) => new Date(T0 + n * 3_600_000 + s * 1000).toISOString();
  const context = { app: 'lamp', contentType: 'writing' };
  const base = (k: string, s: number) => ({
    id: `${sessionId}-${k}`,
    ts: ts(s),
    sessionId,
    userId: `writer-${n % 3}`,
    context,
  });
  return [
    { ...base('msg', 0), type: 'message', properties: { text: r.instruction } },
    {
      ...base('gen', 4),
      type: 'generation',
      generationId,
      properties: {
        prompt: r.instruction,
        output: r.preedit,
        model: r.source ?? 'unknown',
        modelVersion: r.source ?? 'unknown',
        contentType: 'writing',
        messageId: `${sessionId}-msg`,
      },
    },
    { ...base('accept', 10), type: 'accept', generationId, properties: { via: 'insert' } },
    { ...base('edit', 600), type: 'edit', generationId, properties: { text: r.postedit } },
    { ...base('done', 620), type: 'complete', properties: { name: 'document_published' } },
    { ...base('end', 630), type: 'session_end', properties: { reason: 'closed' } },
  ];
}

/**
 * LAMP through the real pipeline: every record becomes a writing session, sent through the HTTP
 * ingestion API of a fresh embedded store (buildApp + PGlite, a real socket), then labeled under
 * the project's active `writing` context and exported as TRL DPO JSONL through the export API.
 * Checks one pair per record, with the writer's final text (postedit) as chosen and the model's
 * draft (preedit) as rejected.
 */
export const task: Task = {
  describe:
    'LAMP writers’ edits → events → HTTP ingestion → labels → DPO export: one pair per record, postedit chosen',
  async run(_args, io) {
    const dir = requireSharedData('lamp-edits');
    const records = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as LampRecord[]);
    const dataDir = mkdtempSync(join(tmpdir(), 'tacit-lamp-'));
    const store = await openStore({ dataDir });
    const app = await buildApp({ store, config: { logLevel: 'warn' } });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const keys = await createKeys(store, { name: 'lamp eval' });
      const writing = builtinContext('writing');
      await store.contexts.activate(keys.projectId, {
        hash: contextHash(writing),
        version: writing.version,
        body: writing,
      });
      const events = records.flatMap((r, n) => sessionEvents(r, n));
      let accepted = 0;
      for (let i = 0; i < events.length; i += 100) {
        const res = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.publicKey}` },
          body: JSON.stringify({ events: events.slice(i, i + 100) }),
        });
        const body = (await res.json()) as { accepted: number; invalid: number };
        if (res.status !== 200 || body.invalid > 0)
          throw new Error(`ingestion failed: ${res.status} ${JSON.stringify(body)}`);
        accepted += body.accepted;
      }
      io.log(`${records.length} LAMP records → ${accepted} events ingested over HTTP`);
      const res = await fetch(`${url}/v1/exports/dpo?format=jsonl`, {
        headers: { authorization: `Bearer ${keys.secretKey}` },
      });
      if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
      const pairs = (await res.text())
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              chosen: string;
              rejected: string;
              source: string;
              confidence: number;
              provenance: string;
            },
        );
      const bySession = new Map<string, number>();
      let chosenIsPostedit = 0;
      let rejectedIsPreedit = 0;
      for (const p of pairs) {
        const { sessionId } = JSON.parse(p.provenance) as { sessionId: string };
        const n = Number(sessionId.replace('lamp-', ''));
        bySession.set(sessionId, (bySession.get(sessionId) ?? 0) + 1);
        const r = records[n];
        if (r && p.chosen === r.postedit) chosenIsPostedit++;
        if (r && p.rejected === r.preedit) rejectedIsPreedit++;
      }
      const conf = pairs.map((p) => p.confidence).sort((a, b) => a - b);
      io.log(
        `${pairs.length} pairs; sessions with exactly one pair: ${[...bySession.values()].filter((v) => v === 1).length}; ` +
          `confidence p10 ${conf[Math.floor(conf.length * 0.1)]} p50 ${conf[Math.floor(conf.length / 2)]}`,
      );
      return {
        records: records.length,
        pairs: pairs.length,
        chosen_is_postedit: chosenIsPostedit,
        rejected_is_preedit: rejectedIsPreedit,
        one_pair_per_record:
          bySession.size === records.length && [...bySession.values()].every((v) => v === 1),
        sources: [...new Set(pairs.map((p) => p.source))],
      };
    } finally {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
