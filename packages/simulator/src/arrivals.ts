import { Rng } from './random.ts';

const ARRIVAL_STREAM = 0xa221;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Relative traffic per UTC hour (quiet nights, busy working hours); normalised to mean 1. */
const HOURLY = normalise([
  0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.6, 0.9, 1.2, 1.4, 1.5, 1.5, 1.45, 1.45, 1.5, 1.45, 1.35, 1.2, 1.05, 0.95,
  0.85, 0.75, 0.6, 0.45,
]);
/** Relative traffic per weekday, Sunday first; mean 1. */
const WEEKLY = normalise([0.75, 1.1, 1.1, 1.1, 1.1, 1.1, 0.75]);
const PEAK = Math.max(...HOURLY) * Math.max(...WEEKLY);

function normalise(xs: number[]): number[] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => x / mean);
}

/** Relative arrival rate at `ms` (1 on average over a week). */
export function rhythm(ms: number): number {
  const hour = Math.floor((ms % DAY) / HOUR);
  const weekday = (Math.floor(ms / DAY) + 4) % 7; // 1970-01-01 was a Thursday
  return (HOURLY[hour] as number) * (WEEKLY[weekday] as number);
}

/**
 * Session start times: a Poisson process of `perMs` sessions per millisecond on average,
 * modulated by the daily and weekly rhythm (by thinning), from `startMs` on. Endless; the
 * caller stops when it has enough.
 */
export function* arrivals(seed: number, startMs: number, perMs: number, diurnal: boolean): Generator<number> {
  const rng = Rng.derive(seed, ARRIVAL_STREAM);
  const peak = diurnal ? PEAK : 1;
  const meanGap = 1 / (perMs * peak);
  let t = startMs;
  for (;;) {
    t += rng.exponential(meanGap);
    if (!diurnal || rng.float() * peak < rhythm(t)) yield Math.floor(t);
  }
}
