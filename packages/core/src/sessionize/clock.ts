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

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
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
  const offsets = new Map<string, number[]>();
  const all: number[] = [];
  // Each event's clock read once (events come in many shapes: reading them is the cost).
  const clocks = samples.map((s) => clockOf(s.event));
  samples.forEach((s, i) => {
    if (s.receivedAt === undefined) return;
    const d = s.receivedAt - s.clientAt;
    all.push(d);
    const key = clocks[i] as string;
    const list = offsets.get(key);
    if (list) list.push(d);
    else offsets.set(key, [d]);
  });
  const skewMs = all.length > 0 ? median(all) : 0;
  const shift = new Map<string, number>();
  for (const [key, ds] of offsets) {
    // One clock (the usual case): its median is the session's.
    const m = offsets.size === 1 ? skewMs : median(ds);
    shift.set(key, Math.abs(m) > maxSkewMs ? m : 0);
  }
  let corrected = 0;
  const at = samples.map((s, i) => {
    let t = s.clientAt + (shift.get(clocks[i] as string) ?? 0);
    if (s.receivedAt !== undefined && t > s.receivedAt + maxSkewMs) t = s.receivedAt;
    if (t !== s.clientAt) corrected++;
    return t;
  });
  return { at, corrected, skewMs };
}
