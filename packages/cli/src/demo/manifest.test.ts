import { describe, expect, it } from 'vitest';
import { chooseMonth, finishedLoad, type DemoManifest } from './manifest.ts';
import { demoMonth, monthStart } from './month.ts';

const defaults = { seed: 1, sessions: 20_000 };
const now = new Date('2026-11-23T13:21:47.123Z');
const saved: DemoManifest = {
  projectId: 'demo',
  publicKey: 'pk_x',
  secretKey: 'sk_x',
  seed: 7,
  sessions: 500,
  start: '2026-10-01T08:00:00.000Z',
};
const loaded = { at: '2026-10-31T08:01:00.000Z', sessions: 495, stored: 6000, seconds: 2 };

describe('the demo month', () => {
  it('ends now, to the minute, and v3 regresses on day 20', () => {
    expect(monthStart(now)).toBe('2026-10-24T13:21:00.000Z');
    const m = demoMonth({ seed: 1, sessions: 10, start: monthStart(now) });
    expect(m.end).toBe('2026-11-23T13:21:00.000Z');
    expect(m.regressionFrom).toBe('2026-11-13T13:21:00.000Z');
    expect(m.simulation.models?.find((v) => v.version === 'v3')?.degrade?.from).toBe(m.regressionFrom);
  });

  it('is a new one ending now on a fresh data directory, with the flags or the defaults', () => {
    expect(chooseMonth(undefined, {}, defaults, now)).toEqual({
      ok: true,
      month: { seed: 1, sessions: 20_000, start: '2026-10-24T13:21:00.000Z' },
    });
    expect(chooseMonth(undefined, { sessions: 50 }, defaults, now)).toMatchObject({
      month: { seed: 1, sessions: 50 },
    });
  });

  it('is the saved one on a rerun, whatever the clock says, so the same events are sent', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(chooseMonth(saved, {}, defaults, later)).toEqual({
      ok: true,
      month: { seed: 7, sessions: 500, start: saved.start },
    });
    expect(chooseMonth(saved, { seed: 7, sessions: 500 }, defaults, later).ok).toBe(true);
  });

  it('refuses flags that would mix another month into a saved demo', () => {
    const r = chooseMonth(saved, { sessions: 501 }, defaults, now);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('500 sessions (seed 7)') });
    expect(chooseMonth(saved, { seed: 8 }, defaults, now).ok).toBe(false);
  });
});

describe('whether to send the month', () => {
  it('sends it when it was never loaded or loading was interrupted', () => {
    expect(finishedLoad(undefined, 0)).toBeUndefined();
    expect(finishedLoad(saved, 4000)).toBeUndefined();
  });

  it('serves a finished load as it is, unless its events are gone from the database', () => {
    const done = { ...saved, loaded };
    expect(finishedLoad(done, 6000)).toEqual(loaded);
    expect(finishedLoad(done, 0)).toBeUndefined();
  });
});
