import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TacitEvent } from '@tacit/core';
import {
  COLUMNS,
  flatRow,
  openAiPreferenceRowSchema,
  trlDpoRowSchema,
  trlKtoRowSchema,
  type DatasetCard,
} from '@tacit/core/datasets';
import { simulate } from '@tacit/simulator';
import { testBackends } from '@tacit/store/testing';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFiles } from '../src/export/to-files.ts';
import { llmErrorModes, parseErrorMode } from '../src/export/llm-error-modes.ts';
import { startHarness, type Harness } from './harness.ts';

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('dataset exports', () => {
  let h: Harness;
  let dir: string;
  const project = () => h.keys.projectId;
  const get = async (path: string) => {
    const r = await h.get(path, h.keys.secretKey);
    expect(
      r.status,
      await r
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(200);
    return r;
  };

  beforeAll(async () => {
    h = await startHarness(testBackends[0]!);
    dir = mkdtempSync(join(tmpdir(), 'tacit-export-'));
    let batch: TacitEvent[] = [];
    for (const r of simulate({ seed: 11, sessions: 250 })) {
      if (r.kind !== 'event') continue;
      batch.push(r.event);
      if (batch.length === 500) {
        await h.store.events.insertBatch(project(), batch);
        batch = [];
      }
    }
    await h.store.events.insertBatch(project(), batch);
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('DPO: every row is a valid TRL preference row, conversational for chat prompts, from all three sources', async () => {
    const r = await get('/v1/exports/dpo');
    expect(r.headers.get('x-tacit-warning')).toMatch(/without anchors/);
    const rows = lines(await r.text());
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      trlDpoRowSchema.parse(row);
      expect(row.chosen).not.toEqual(row.rejected);
      expect(row.weight).toBeGreaterThan(0);
      expect(row.weight).toBeLessThanOrEqual(1);
      expect(JSON.parse(row.provenance as string)).toMatchObject({
        sessionId: expect.any(String),
        contextHash: expect.any(String),
      });
    }
    expect(new Set(rows.map((x) => x.source))).toEqual(new Set(['edit', 'regenerate', 'rephrase']));
    // Recency: a month of traffic, half-life 30 days before the last event.
    const weights = rows.map((x) => x.weight as number);
    expect(Math.min(...weights)).toBeLessThan(0.7);
    expect(Math.max(...weights)).toBeGreaterThan(0.95);
    expect(Array.isArray(rows[0]!.prompt)).toBe(true);
  });

  it('is reproducible: the same export twice gives the same bytes, and a different seed samples differently', async () => {
    const q = '/v1/exports/eval?sample=random,mixed_signals&quota=15&seed=3';
    const a = await (await get(q)).text();
    const b = await (await get(q)).text();
    expect(sha(a)).toBe(sha(b));
    const c = await (await get('/v1/exports/eval?sample=random,mixed_signals&quota=15&seed=4')).text();
    expect(sha(c)).not.toBe(sha(a));
    const rows = lines(a);
    expect(rows.filter((x) => (x.slices as string[]).includes('sample=random'))).toHaveLength(15);
    expect(rows.filter((x) => (x.slices as string[]).includes('sample=mixed_signals'))).toHaveLength(15);
  });

  it('keeps only rows about generations shown inside [since, until)', async () => {
    const all = lines(await (await get('/v1/exports/eval')).text());
    const since = '2026-05-10T00:00:00.000Z';
    const until = '2026-05-20T00:00:00.000Z';
    const window = lines(await (await get(`/v1/exports/eval?since=${since}&until=${until}`)).text());
    const inside = all.filter((x) => (x.at as string) >= since && (x.at as string) < until);
    expect(window.length).toBeGreaterThan(0);
    expect(window.map((x) => x.id)).toEqual(inside.map((x) => x.id));
    expect(window.every((x) => (x.weight as number) >= 0.79)).toBe(true);
  });

  it('OpenAI preference: strict documented rows, with a line-for-line metadata sidecar', async () => {
    const data = lines(await (await get('/v1/exports/openai-preference')).text());
    const meta = lines(await (await get('/v1/exports/openai-preference?part=meta')).text());
    for (const row of data) openAiPreferenceRowSchema.parse(row);
    expect(meta).toHaveLength(data.length);
    expect(meta[0]).toMatchObject({ id: expect.stringMatching(/^pair:/), weight: expect.any(Number) });
    expect((await h.get('/v1/exports/openai-preference?format=csv', h.keys.secretKey)).status).toBe(400);
  });

  it('KTO: valid TRL unpaired-preference rows with both labels', async () => {
    const rows = lines(await (await get('/v1/exports/kto?minConfidence=0.5')).text());
    for (const row of rows) {
      trlKtoRowSchema.parse(row);
      expect(row.confidence).toBeGreaterThanOrEqual(0.5);
    }
    expect(new Set(rows.map((x) => x.label))).toEqual(new Set([true, false]));
  });

  it('eval: JSONL, CSV and Parquet hold the same rows (round trip)', async () => {
    const jsonl = lines(await (await get('/v1/exports/eval')).text());
    const csv = parse<Record<string, string>>(await (await get('/v1/exports/eval?format=csv')).text(), {
      columns: true,
    });
    const pq = Buffer.from(await (await get('/v1/exports/eval?format=parquet')).arrayBuffer());
    const parquet = await parquetReadObjects({
      file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength),
    });
    expect(jsonl.length).toBeGreaterThan(100);
    expect(csv).toHaveLength(jsonl.length);
    expect(parquet).toHaveLength(jsonl.length);
    const columns = COLUMNS.eval;
    jsonl.forEach((row, i) => {
      const flat = flatRow(row, columns);
      columns.forEach((c, k) => {
        const v = flat[k];
        expect(parquet[i]![c.name], `parquet ${c.name}`).toEqual(v);
        expect(csv[i]![c.name], `csv ${c.name}`).toBe(v === null ? '' : String(v));
      });
    });
    const negatives = jsonl.filter((x) => x.good === false);
    expect(negatives.length).toBeGreaterThan(0);
    expect(negatives.every((x) => typeof x.error_mode === 'string')).toBe(true);
  });

  it('DPO and KTO: CSV and Parquet hold the same rows as JSONL, conversational prompts as JSON text', async () => {
    for (const kind of ['dpo', 'kto'] as const) {
      const jsonl = lines(await (await get(`/v1/exports/${kind}`)).text());
      const csv = parse<Record<string, string>>(await (await get(`/v1/exports/${kind}?format=csv`)).text(), {
        columns: true,
      });
      const pq = Buffer.from(await (await get(`/v1/exports/${kind}?format=parquet`)).arrayBuffer());
      const parquet = await parquetReadObjects({
        file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength),
      });
      expect(csv).toHaveLength(jsonl.length);
      expect(parquet).toHaveLength(jsonl.length);
      jsonl.forEach((row, i) => {
        const flat = flatRow(row, COLUMNS[kind]);
        COLUMNS[kind].forEach((c, k) => {
          expect(parquet[i]![c.name], `${kind} parquet ${c.name}`).toEqual(flat[k]);
          expect(csv[i]![c.name], `${kind} csv ${c.name}`).toBe(flat[k] === null ? '' : String(flat[k]));
        });
        const prompt = parquet[i]!.prompt as string;
        expect(Array.isArray(row.prompt) ? JSON.parse(prompt) : prompt).toEqual(row.prompt);
      });
    }
  });

  it('regression: one set per error mode, each holding only its bucket', async () => {
    const all = lines(await (await get('/v1/exports/regression')).text());
    let sum = 0;
    for (const mode of ['hallucination', 'format', 'refusal', 'length', 'other']) {
      const part = lines(await (await get(`/v1/exports/regression?part=${mode}`)).text());
      expect(part.every((x) => x.error_mode === mode && x.good === false)).toBe(true);
      sum += part.length;
    }
    expect(sum).toBe(all.length);
  });

  it('writes files with a card, the anchor split, and leaves out anchors of the version being trained', async () => {
    await h.store.anchors.upsert(project(), [
      { id: 'a1', prompt: 'Say hi', chosen: 'Hi!', rejected: 'Go away.', modelVersion: 'human' },
      { id: 'a2', prompt: 'Say bye', chosen: 'Bye!', rejected: 'No.', modelVersion: 'large-2026-04' },
      { id: 'a3', prompt: 'Is water wet?', response: 'Yes.', label: true },
    ]);
    const out = join(dir, 'pairs.jsonl');
    const { card, paths } = await exportToFiles(
      h.store,
      project(),
      { kind: 'dpo', trainingVersion: 'large-2026-04', seed: 1 },
      out,
    );
    const first = readFileSync(out);
    const anchors = lines(readFileSync(paths.anchors!, 'utf8'));
    expect(anchors.map((a) => a.id)).toEqual(['a1']);
    expect(card.anchors).toMatchObject({
      rows: 1,
      available: 3,
      excludedSameVersion: 1,
      trainingVersion: 'large-2026-04',
    });
    expect(card.warnings).toEqual([]);
    const onDisk = JSON.parse(readFileSync(paths.card!, 'utf8')) as DatasetCard;
    expect(onDisk).toMatchObject({
      kind: 'dpo',
      rows: card.rows,
      files: { data: 'pairs.jsonl', anchors: 'pairs.anchors.jsonl' },
    });
    expect(onDisk.counts.source.edit).toBeGreaterThan(0);
    expect(onDisk.context.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(paths.cardMd!, 'utf8')).toContain('# Tacit dpo export');
    const again = await exportToFiles(
      h.store,
      project(),
      { kind: 'dpo', trainingVersion: 'large-2026-04', seed: 1 },
      out,
    );
    expect(sha(readFileSync(out))).toBe(sha(first));
    expect(readFileSync(again.paths.card!, 'utf8')).toBe(JSON.stringify(onDisk, null, 2) + '\n');
    const kto = await exportToFiles(h.store, project(), { kind: 'kto' }, join(dir, 'kto.jsonl'));
    expect(kto.card.anchors.rows).toBe(5);
  });

  it('answers the card as JSON with sampling coverage per slice', async () => {
    const card = (await (
      await get(
        '/v1/exports/eval?part=card&sample=random,high_retry,novel,worst_cohort&quota=10&minCohortSize=10',
      )
    ).json()) as DatasetCard;
    const slices = card.sampling!.coverage.map((c) => c.slice);
    expect(slices).toEqual(expect.arrayContaining(['random', 'high_retry', 'novel']));
    expect(slices.some((s) => s.startsWith('worst_cohort:'))).toBe(true);
    for (const c of card.sampling!.coverage) {
      expect(c.selected).toBe(Math.min(c.quota, c.eligible));
      if (c.strategy === 'worst_cohort') expect(c.cohort!.high).toBeGreaterThanOrEqual(c.cohort!.mean);
    }
  });
});

describe('LLM error modes', () => {
  let server: Server;
  let url: string;
  const seen: { model: string; messages: { role: string; content: string }[] }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const j = JSON.parse(body) as (typeof seen)[number];
        seen.push(j);
        if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
        const user = j.messages.at(-1)?.content ?? '';
        const answer = user.includes('Paris') ? 'Hallucination.' : user.includes('broken') ? '' : 'format';
        if (user.includes('broken')) return void res.writeHead(500).end('{}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('asks an OpenAI-compatible chat endpoint, and falls back to the heuristics when it fails', async () => {
    const c = llmErrorModes({ url, model: 'judge-1' });
    const ex = (response: string) => ({
      prompt: 'Where is the Eiffel Tower?',
      response,
      features: { followUps: [] },
    });
    expect(await c.classify(ex('It is in Paris, Texas.'))).toEqual({
      mode: 'hallucination',
      by: 'llm:judge-1',
    });
    expect(await c.classify(ex('A list.'))).toEqual({ mode: 'format', by: 'llm:judge-1' });
    const fallback = await c.classify(ex("I'm sorry, but this is broken."));
    expect(fallback).toMatchObject({ mode: 'refusal', by: expect.stringContaining('llm failed: HTTP 500') });
    expect(seen[0]).toMatchObject({ model: 'judge-1', messages: [{ role: 'system' }, { role: 'user' }] });
    expect(parseErrorMode('The answer is: Length')).toBe('length');
  });
});
