import type { BrowserPlatform } from '../src/platform.ts';
import type { WireRequest, WireResponse } from '../src/delivery/platform.ts';

export interface Sent {
  url: string;
  init: WireRequest;
  events: { id: string; type: string; [k: string]: unknown }[];
}

type Answer = number | { status: number; retryAfter?: string; body?: unknown } | 'network';

/**
 * A platform on virtual time: timers run when the test advances the clock, the network answers
 * what the test scripts (200 by default), storage is a Map, randomness is a seeded generator.
 */
export function fakePlatform(start = Date.parse('2026-11-23T12:00:00.000Z')) {
  let now = start;
  let seed = 7;
  let nextTimer = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const answers: Answer[] = [];
  const sent: Sent[] = [];
  const beacons: { url: string; body: string }[] = [];
  const store = new Map<string, string>();
  const answer = (a: Answer): WireResponse => {
    const r = typeof a === 'number' ? { status: a } : (a as Exclude<Answer, number | 'network'>);
    return {
      status: r.status,
      headers: {
        get: (name: string) => (name.toLowerCase() === 'retry-after' ? (r.retryAfter ?? null) : null),
      },
      json: () => Promise.resolve(r.body ?? {}),
    };
  };
  const platform: BrowserPlatform = {
    now: () => now,
    random: () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    },
    setTimeout: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id as number);
    },
    fetch: (url, init) => {
      sent.push({ url, init, events: (JSON.parse(init.body) as { events: Sent['events'] }).events });
      const a = answers.shift() ?? 200;
      return a === 'network' ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(answer(a));
    },
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
    beacon: (url, body) => {
      beacons.push({ url, body });
      return true;
    },
  };
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    platform,
    sent,
    beacons,
    store,
    /** Scripts the next answers (status, status with Retry-After, or a network failure). */
    answer: (...a: Answer[]) => answers.push(...a),
    /** Moves the clock, running each timer that falls due (and the promises it starts). */
    async advance(ms: number): Promise<void> {
      const end = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await settle();
      }
      now = end;
      await settle();
    },
    /** When the next timer fires, relative to now (undefined: none pending). */
    nextTimerIn: (): number | undefined => {
      const at = Math.min(...[...timers.values()].map((t) => t.at));
      return Number.isFinite(at) ? at - now : undefined;
    },
    settle,
  };
}
