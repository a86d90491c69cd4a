/** Small summaries the drift eval and the default-rules bench report. */

/** `x` to `d` decimals. */
export const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** The median; null for no values. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The value by which 95% of runs had an event (null counts as never): e.g. sessions after a
 * change until an alert. Null when fewer than 95% of the runs had one.
 */
export function p95(values: readonly (number | null)[]): number | null {
  const sorted = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
  const v = sorted[Math.ceil(0.95 * sorted.length) - 1];
  return v === undefined || v === Infinity ? null : v;
}
