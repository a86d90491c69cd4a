const HOUR = 3_600_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let hourStart = NaN;
let hourPrefix = '';

/**
 * `new Date(ms).toISOString()`, faster: the date and hour are formatted once per hour and
 * reused (the simulator formats one timestamp per event, mostly within the same hour).
 */
export function isoTime(ms: number): string {
  const t = Math.floor(ms);
  const start = t - (((t % HOUR) + HOUR) % HOUR);
  if (start !== hourStart) {
    hourStart = start;
    hourPrefix = new Date(start).toISOString().slice(0, 14);
  }
  const within = t - start;
  const minutes = Math.floor(within / 60_000);
  const seconds = Math.floor((within % 60_000) / 1000);
  return `${hourPrefix}${PAD2[minutes] as string}:${PAD2[seconds] as string}.${PAD3[within % 1000] as string}Z`;
}
