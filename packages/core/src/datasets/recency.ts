const DAY = 86_400_000;

/**
 * The recency weight of a row: exponential decay with a half-life, `0.5 ^ (age / halfLife)`,
 * where age is measured back from `asOf` (the export's end, never the clock, so the same export
 * gives the same weights). A row from the future of `asOf` weighs 1.
 *
 * @example
 * recencyWeight('2026-05-01T00:00:00Z', '2026-05-31T00:00:00Z', 30) // 0.5
 */
export function recencyWeight(at: string | number, asOf: string | number, halfLifeDays: number): number {
  const t = typeof at === 'number' ? at : Date.parse(at);
  const now = typeof asOf === 'number' ? asOf : Date.parse(asOf);
  if (!(halfLifeDays > 0) || Number.isNaN(t) || Number.isNaN(now)) return 1;
  const age = Math.max(0, now - t) / DAY;
  return Number((0.5 ** (age / halfLifeDays)).toFixed(6));
}
