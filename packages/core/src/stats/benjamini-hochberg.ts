/**
 * Benjamini–Hochberg adjusted p-values (q-values), the same numbers as R's
 * `p.adjust(p, method = "BH")`: q₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎/j, capped at 1, in input order.
 * Rejecting every hypothesis with q ≤ α keeps the expected share of false discoveries among the
 * alerts at or below α (for independent or positively dependent tests).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]); // [0.02, 0.04, 0.04, 0.02]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiHochberg: p-values must be in [0, 1], got ${p}`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || b.i - a.i);
  const q = new Array<number>(m);
  let running = 1;
  order.forEach(({ p, i }, k) => {
    const rank = m - k;
    // (m / rank) · p as R computes it: a factor ≥ 1, so q ≥ p holds in floating point too.
    running = Math.min(running, (m / rank) * p);
    q[i] = running;
  });
  return q;
}
