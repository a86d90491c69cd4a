/** How numbers, times and ids read in the dashboard (UTC throughout, like the API). */

/** `0.1234` → `12.3%`; `null` → `–`. */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${(x * 100).toFixed(digits)}%`;
}

/** A 95% interval: `[10.4%, 13.4%]`. */
export function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? '' : `[${pct(lower)}, ${pct(upper)}]`;
}

/** `2026-11-23T14:51:50.841Z` → `2026-11-23 14:51:50`. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-11-23T14:51:50.841Z` → `11-23`, for chart axes. */
export function shortDay(iso: string): string {
  return iso.slice(5, 10);
}

/** Time since the session's start: `+0.0s`, `+12.4s`, `+3m 05s`, `+2h 04m`. */
export function offset(fromIso: string, iso: string): string {
  const ms = Date.parse(iso) - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return '';
  const sign = ms < 0 ? '−' : '+';
  const t = Math.abs(ms) / 1000;
  if (t < 60) return `${sign}${t.toFixed(1)}s`;
  const m = Math.floor(t / 60);
  if (m < 60) return `${sign}${m}m ${String(Math.floor(t % 60)).padStart(2, '0')}s`;
  return `${sign}${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** A long id cut for a table cell; the whole id goes in the title. */
export function shortId(id: string, keep = 13): string {
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}

/** A duration in ms: `840 ms`, `6.4 s`, `2.1 min`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** `1234567` → `1,234,567`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Text cut to `max` characters (user text can be megabytes; the page stays fast). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${count(text.length - max)} more characters)` : text;
}
