/**
 * Timestamps in the one shape SDKs send and labels carry, `YYYY-MM-DDTHH:MM:SS.sssZ`, parsed and
 * formatted by hand: `Date.parse` and `toISOString` stood high in the labeller's profile (every
 * event is parsed, every signal and label is stamped). Anything else falls back to `Date`,
 * so the results are exactly those of `Date.parse` / `Date.prototype.toISOString`.
 */

const ZERO = 48;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The digit at `i` of `s`, or a large number when it is not one (so that a sum of them shows it). */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - ZERO;
  return c >= 0 && c <= 9 ? c : 1e9;
}

/** Epoch milliseconds of an ISO 8601 timestamp; exactly `Date.parse` (NaN when invalid). */
export function parseIsoMillis(s: string): number {
  if (
    s.length === 24 &&
    s.charCodeAt(4) === 45 && // -
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 && // T
    s.charCodeAt(13) === 58 && // :
    s.charCodeAt(16) === 58 &&
    s.charCodeAt(19) === 46 && // .
    s.charCodeAt(23) === 90 // Z
  ) {
    const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    const mo = digit(s, 5) * 10 + digit(s, 6);
    const d = digit(s, 8) * 10 + digit(s, 9);
    const h = digit(s, 11) * 10 + digit(s, 12);
    const mi = digit(s, 14) * 10 + digit(s, 15);
    const sec = digit(s, 17) * 10 + digit(s, 18);
    const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
    // A non-digit makes its field at least 1e9: out of every range below.
    if (
      y <= 9999 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= daysInMonth(y, mo) &&
      h <= 23 &&
      mi <= 59 &&
      sec <= 59 &&
      ms <= 999
    ) {
      return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
    }
  }
  return Date.parse(s);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

// The date part of the last day formatted: events of a session, and sessions of a stream, mostly
// fall on the same day.
let lastDay = Number.NaN;
let lastDayText = '';

/** `new Date(ms).toISOString()`, exactly (it throws on an invalid time, as that does). */
export function isoString(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  // Whole milliseconds in years 0000–9999 only; others (and invalid times) as Date prints them.
  if (!(Number.isInteger(ms) && ms >= -62_167_219_200_000 && ms < 253_402_300_800_000))
    return new Date(ms).toISOString();
  if (day !== lastDay) {
    lastDayText = new Date(day * 86_400_000).toISOString().slice(0, 11);
    lastDay = day;
  }
  let rest = ms - day * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${lastDayText}${pad2(h)}:${pad2(mi)}:${pad2(s)}.${pad3(milli)}Z`;
}
