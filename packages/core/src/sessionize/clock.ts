import type { TacitEvent } from '../schema/event.ts';

/** What a clock correction needs of an event. */
export interface ClockSample {
  event: TacitEvent;
  clientAt: number;
  receivedAt?: number;
}

/** The clock an event was stamped with: events of one SDK share one device's clock. */
function clockOf(e: TacitEvent): string {
  return e.context?.sdk?.name ?? '';
}

function median(xs: readonly number[]): number {
  const s = xs.slice();
  if (s.length <= 32) {
    // Insertion sort: a session's few dozen offsets sort faster than through a comparator.
    for (let i = 1; i < s.length; i++) {
      const x = s[i] as number;
      let j = i - 1;
      while (j >= 0 && (s[j] as number) > x) {
        s[j + 1] = s[j] as number;
        j--;
      }
      s[j + 1] = x;
    }
  } else s.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Corrected times for a session's events, guarded by the server's receive times.
 *
 * A session mixes clocks: generations are often logged by a server SDK, user actions by a browser
 * whose clock may be minutes off. For each clock (SDK name), the median of `receivedAt - clientAt`
 * is its skew plus the usual delivery delay; when that median is beyond `maxSkewMs`, the clock is
 * off and all its events move by it. An event that still claims to have happened after the server
 * received it is placed at its receive time. Late deliveries (an offline batch, a positive gap)
 * keep their client time: being late is not being wrong.
 *
 * @returns one corrected time per sample, and how many were moved.
 */
export function correctClocks(
  samples: readonly ClockSample[],
  maxSkewMs: number,
): { at: number[]; corrected: number; skewMs: number } {
  const n = samples.length;
  // Each event's clock read once (events come in many shapes: reading them is the cost).
  const clocks = new Array<string>(n);
  let oneClock = true;
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = samples[i] as ClockSample;
    const key = clockOf(s.event);
    clocks[i] = key;
    if (key !== clocks[0]) oneClock = false;
    if (s.receivedAt !== undefined) all.push(s.receivedAt - s.clientAt);
  }
  const skewMs = all.length > 0 ? median(all) : 0;
  // One clock (the usual case): its median is the session's.
  const oneShift = Math.abs(skewMs) > maxSkewMs ? skewMs : 0;
  const byClock = new Map<string, number>();
  if (!oneClock) {
    const offsets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const s = samples[i] as ClockSample;
      if (s.receivedAt === undefined) continue;
      const key = clocks[i] as string;
      const list = offsets.get(key);
      if (list) list.push(s.receivedAt - s.clientAt);
      else offsets.set(key, [s.receivedAt - s.clientAt]);
    }
    for (const [key, ds] of offsets) {
      const m = median(ds);
      byClock.set(key, Math.abs(m) > maxSkewMs ? m : 0);
    }
  }
  let corrected = 0;
  const at = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i] as ClockSample;
    let t = s.clientAt + (oneClock ? oneShift : (byClock.get(clocks[i] as string) ?? 0));
    if (s.receivedAt !== undefined && t > s.receivedAt + maxSkewMs) t = s.receivedAt;
    if (t !== s.clientAt) corrected++;
    at[i] = t;
  }
  return { at, corrected, skewMs };
}
