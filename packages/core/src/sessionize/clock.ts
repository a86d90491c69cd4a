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

/** The gaps (`receivedAt - clientAt`) of one clock's events. */
interface ClockOffsets {
  gaps: number[];
  min: number;
  max: number;
}

/**
 * Corrected times for a session's events, guarded by the server's receive times.
 *
 * A receive time is an upper bound on when an event happened; the gap `receivedAt - clientAt` is
 * delivery delay (never negative) plus the error of the client's clock. So:
 *
 * - a clock **ahead** of the server shows gaps below zero, which no delay explains: when its median
 *   gap is below `-maxSkewMs`, all its events move back by it;
 * - a clock **behind** cannot be told from late delivery on its own (an offline batch, history
 *   imported a month later, events kept in localStorage until the next visit): a single clock keeps
 *   its client time, because being late is not being wrong;
 * - between **several clocks** of one session (generations logged by a server SDK, user actions by
 *   a browser), a clock whose median gap exceeds the most punctual clock's by more than `maxSkewMs`
 *   is behind *if its gaps are all alike* (a skewed clock delivered as it goes), and moves by the
 *   difference; gaps that spread as widely as the events themselves are one late batch, not a
 *   skewed clock, and stay.
 *
 * Finally no event is placed more than `maxSkewMs` after the server received it.
 *
 * @returns one corrected time per sample, how many were moved, and the median gap.
 */
export function correctClocks(
  samples: readonly ClockSample[],
  maxSkewMs: number,
): { at: number[]; corrected: number; skewMs: number } {
  const n = samples.length;
  // Each event's clock read once (events come in many shapes: reading them is the cost).
  const clocks = new Array<string>(n);
  const all: number[] = [];
  const offsets = new Map<string, ClockOffsets>();
  for (let i = 0; i < n; i++) {
    const s = samples[i] as ClockSample;
    const key = clockOf(s.event);
    clocks[i] = key;
    if (s.receivedAt === undefined) continue;
    const d = s.receivedAt - s.clientAt;
    all.push(d);
    const o = offsets.get(key);
    if (o === undefined) offsets.set(key, { gaps: [d], min: d, max: d });
    else {
      o.gaps.push(d);
      if (d < o.min) o.min = d;
      if (d > o.max) o.max = d;
    }
  }
  const skewMs = all.length > 0 ? median(all) : 0;
  const shift = new Map<string, number>();
  // Medians, so that one odd event does not move its whole clock (it is clamped below instead).
  const medians = new Map<string, number>();
  for (const [key, o] of offsets) medians.set(key, offsets.size === 1 ? skewMs : median(o.gaps));
  // The most punctual clock's gap, once clocks ahead are brought back to the server's time.
  let reference = Infinity;
  for (const m of medians.values()) reference = Math.min(reference, Math.max(m, 0));
  for (const [key, o] of offsets) {
    const m = medians.get(key) as number;
    if (m < -maxSkewMs) shift.set(key, m);
    else if (offsets.size > 1 && m - reference > maxSkewMs && o.max - o.min <= maxSkewMs) {
      shift.set(key, m - reference);
    }
  }
  let corrected = 0;
  const at = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i] as ClockSample;
    let t = s.clientAt + (shift.size === 0 ? 0 : (shift.get(clocks[i] as string) ?? 0));
    if (s.receivedAt !== undefined && t > s.receivedAt + maxSkewMs) t = s.receivedAt;
    if (t !== s.clientAt) corrected++;
    at[i] = t;
  }
  return { at, corrected, skewMs };
}
