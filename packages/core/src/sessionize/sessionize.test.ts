import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionEventInput } from './input.ts';
import { sessionize } from './sessionize.ts';

const T0 = Date.parse('2026-11-23T12:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

function ev(
  id: string,
  type: 'accept' | 'undo' | 'copy' | 'session_end' | 'generation',
  s: number,
  extra: Partial<SessionEventInput> = {},
): SessionEventInput {
  const props =
    type === 'generation' ? { prompt: 'p', output: 'o', model: 'm' } : type === 'copy' ? { chars: 1 } : {};
  return {
    id,
    type,
    ts: iso(s),
    sessionId: 's1',
    generationId: 'g1',
    properties: props,
    ...extra,
  } as SessionEventInput;
}

describe('sessionize', () => {
  it('orders by client time and dedupes by id', () => {
    const s = sessionize([ev('b', 'copy', 5), ev('a', 'generation', 1), ev('b', 'copy', 5)]);
    expect(s.events.map((t) => t.event.id)).toEqual(['a', 'b']);
    expect(s.duplicates).toBe(1);
  });

  it('keeps the copy of a duplicate that was received first', () => {
    const s = sessionize([
      { ...ev('a', 'copy', 5), receivedAt: T0 + 9000, properties: { chars: 2 } } as SessionEventInput,
      { ...ev('a', 'copy', 5), receivedAt: T0 + 6000, properties: { chars: 1 } } as SessionEventInput,
    ]);
    expect(s.events).toHaveLength(1);
    expect(s.events[0]?.event.properties).toEqual({ chars: 1 });
  });

  it('puts a message before the generation it triggered when they share a timestamp', () => {
    const s = sessionize([
      ev('g', 'generation', 1),
      { id: 'm', type: 'message', ts: iso(1), sessionId: 's1', properties: { text: 'hi' } },
    ]);
    expect(s.events.map((t) => t.event.type)).toEqual(['message', 'generation']);
  });

  it('closes on session_end, or after inactivity relative to now', () => {
    expect(sessionize([ev('a', 'generation', 0), ev('z', 'session_end', 10)])).toMatchObject({
      closed: true,
      closedBy: 'session_end',
    });
    const open = sessionize([ev('a', 'generation', 0)], { now: T0 + 29 * 60_000 });
    expect(open).toMatchObject({ closed: false, closesAt: T0 + 30 * 60_000 });
    expect(sessionize([ev('a', 'generation', 0)], { now: T0 + 31 * 60_000 })).toMatchObject({
      closed: true,
      closedBy: 'inactivity',
    });
    expect(
      sessionize([ev('a', 'generation', 0)], { now: T0 + 10 * 60_000, inactivityMs: 5 * 60_000 }).closed,
    ).toBe(true);
  });

  it('recomputes with a late event: the session reopens its timeline and moves its close', () => {
    const early = [ev('a', 'generation', 0), ev('b', 'accept', 3)];
    const before = sessionize(early, { now: T0 + 20 * 60_000 });
    const late = sessionize([...early, ev('c', 'undo', 20 * 60)], { now: T0 + 40 * 60_000 });
    expect(before.closed).toBe(false);
    expect(late.closed).toBe(false);
    expect(late.closesAt).toBe(T0 + 50 * 60_000);
  });

  it('corrects a browser clock that is minutes off, against the server SDK clock', () => {
    const server = { sdk: { name: '@tacit/node', version: '1' } };
    const browser = { sdk: { name: '@tacit/browser', version: '1' } };
    // The browser clock is 5 minutes behind: its accept "happened" before the generation it accepts.
    const events = [
      { ...ev('gen', 'generation', 0), context: server, receivedAt: T0 + 100 },
      { ...ev('acc', 'accept', 2 - 300), context: browser, receivedAt: T0 + 2100 },
      { ...ev('und', 'undo', 4 - 300), context: browser, receivedAt: T0 + 4100 },
    ] as SessionEventInput[];
    const s = sessionize(events);
    expect(s.events.map((t) => t.event.id)).toEqual(['gen', 'acc', 'und']);
    expect(s.clockCorrections).toBe(2);
    // Gaps within one clock are kept: the undo is still 2 s after the accept.
    expect((s.events[2]?.at ?? 0) - (s.events[1]?.at ?? 0)).toBe(2000);
  });

  it('leaves late deliveries (offline batches) at their client time', () => {
    const s = sessionize([
      { ...ev('a', 'generation', 0), receivedAt: T0 + 100 },
      { ...ev('b', 'copy', 5), receivedAt: T0 + 3 * 3600_000 },
      { ...ev('c', 'copy', 6), receivedAt: T0 + 6100 },
    ]);
    expect(s.events.find((t) => t.event.id === 'b')?.at).toBe(T0 + 5000);
  });

  it('keeps imported history at its client time: every clock delivered weeks later, at once', () => {
    const server = { sdk: { name: '@tacit/node', version: '1' } };
    const browser = { sdk: { name: '@tacit/browser', version: '1' } };
    const imported = T0 + 30 * 86_400_000;
    const s = sessionize([
      { ...ev('gen', 'generation', 0), context: server, receivedAt: imported },
      { ...ev('acc', 'accept', 2), context: browser, receivedAt: imported },
      { ...ev('cpy', 'copy', 40), context: browser, receivedAt: imported + 5 },
    ] as SessionEventInput[]);
    expect(s.clockCorrections).toBe(0);
    expect(s.events.map((t) => t.at)).toEqual([T0, T0 + 2000, T0 + 40_000]);
    expect(s.startAt).toBe(T0);
  });

  it("keeps a browser's offline batch at its client time beside a punctual server clock", () => {
    const server = { sdk: { name: '@tacit/node', version: '1' } };
    const browser = { sdk: { name: '@tacit/browser', version: '1' } };
    // The page closed before sending; the next visit, two hours later, sent everything at once.
    const later = T0 + 2 * 3600_000;
    const s = sessionize([
      { ...ev('gen', 'generation', 0), context: server, receivedAt: T0 + 80 },
      { ...ev('acc', 'accept', 3), context: browser, receivedAt: later },
      { ...ev('und', 'undo', 5), context: browser, receivedAt: later },
      { ...ev('cpy', 'copy', 600), context: browser, receivedAt: later },
    ] as SessionEventInput[]);
    expect(s.clockCorrections).toBe(0);
    expect(s.events.map((t) => t.event.id)).toEqual(['gen', 'acc', 'und', 'cpy']);
  });

  it('moves a clock that runs ahead of the server back to the receive times', () => {
    const s = sessionize([
      { ...ev('a', 'generation', 0), receivedAt: T0 - 600_000 + 90 },
      { ...ev('b', 'copy', 4), receivedAt: T0 - 600_000 + 4100 },
    ]);
    // Both move by the median gap (ten minutes less 95 ms): their 4 s apart are kept.
    expect(s.events.map((t) => t.at)).toEqual([T0 - 600_000 + 95, T0 - 600_000 + 4095]);
    expect(s.clockCorrections).toBe(2);
  });

  it('never places an event after the server received it', () => {
    const s = sessionize([
      { ...ev('a', 'generation', 0), receivedAt: T0 + 100 },
      { ...ev('b', 'copy', 3600), receivedAt: T0 + 5000 },
      { ...ev('c', 'copy', 6), receivedAt: T0 + 6100 },
    ]);
    expect(s.events.map((t) => t.event.id)).toEqual(['a', 'b', 'c']);
    expect(s.events[1]?.at).toBe(T0 + 5000);
  });

  it('gives the same view whatever order the events arrive in', () => {
    const events = [
      ev('a', 'generation', 0),
      ev('b', 'accept', 2),
      ev('c', 'undo', 2),
      ev('d', 'copy', 9),
      ev('e', 'session_end', 9),
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          const ids = sessionize(shuffled).events.map((t) => t.event.id);
          return JSON.stringify(ids) === JSON.stringify(sessionize(events).events.map((t) => t.event.id));
        },
      ),
    );
  });
});
