import type { TacitEvent } from '@tacit/core';
import { sendEvents, simulateEvents } from '@tacit/simulator';
import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../packages/server/test/harness.ts';

/**
 * The simulator's traffic through the real ingestion path (HTTP, validation, idempotent store):
 * its duplicate deliveries must be stored once, its late and out-of-order events accepted.
 */
describe.each(testBackends)('simulated traffic into a Tacit server on $name', (backend) => {
  let h: Harness;
  let delivered: TacitEvent[];
  const unique = new Map<string, TacitEvent>();

  beforeAll(async () => {
    h = await startHarness(backend);
    // More noise than the defaults, so that a small run surely has duplicates and late events.
    delivered = [...simulateEvents({ seed: 11, sessions: 60, noise: { duplicate: 0.05, late: 0.05 } })];
    for (const e of delivered) if (!unique.has(e.id)) unique.set(e.id, e);
  }, 60_000);

  afterAll(async () => {
    await h.close();
  });

  it('stores each distinct event once and acknowledges the duplicate deliveries', async () => {
    expect(delivered.length - unique.size).toBeGreaterThan(5);
    const r = await sendEvents(
      { endpoint: h.url, key: h.keys.publicKey, batchSize: 50, concurrency: 3 },
      delivered,
    );
    expect(r).toMatchObject({
      sent: delivered.length,
      accepted: unique.size,
      duplicate: delivered.length - unique.size,
      invalid: 0,
    });
    expect(await h.store.events.count(h.keys.projectId)).toBe(unique.size);
  });

  it('accepts events that arrive after later ones of their session, and keeps them in time order', async () => {
    // Late deliveries: an event delivered after another of its session with a later timestamp.
    const latest = new Map<string, string>();
    const late: TacitEvent[] = [];
    for (const e of delivered) {
      const seen = latest.get(e.sessionId);
      if (seen !== undefined && e.ts < seen) late.push(e);
      else latest.set(e.sessionId, e.ts);
    }
    expect(late.length).toBeGreaterThan(5);
    for (const e of late.slice(0, 10)) {
      const res = await h.get(`/v1/sessions/${e.sessionId}`, h.keys.secretKey);
      const { events } = (await res.json()) as { events: TacitEvent[] };
      expect(events.map((x) => x.id)).toContain(e.id);
      const ts = events.map((x) => Date.parse(x.ts));
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
    }
  });

  it('changes nothing when the whole stream is sent again', async () => {
    const r = await sendEvents({ endpoint: h.url, key: h.keys.publicKey, batchSize: 200 }, delivered);
    expect(r).toMatchObject({ accepted: 0, duplicate: delivered.length, invalid: 0 });
    expect(await h.store.events.count(h.keys.projectId)).toBe(unique.size);
  });
});
