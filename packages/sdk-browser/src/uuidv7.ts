/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then random bits (with the
 * variant). Ids sort by creation time, which keeps the server's index appends cheap; `random` is
 * injected so that tests are deterministic.
 *
 * @example
 * uuidv7(Date.now(), Math.random) // '0192f1c4-7a10-7c3e-9a41-5b0c2d1e8f37'
 */
export function uuidv7(ms: number, random: () => number): string {
  let h = `${(Math.max(0, Math.floor(ms)) % 2 ** 48).toString(16).padStart(12, '0')}7`;
  // Hex digit 16 carries the variant (binary 10xx); the others are random.
  for (let i = 13; i < 32; i++)
    h += (i === 16 ? 8 | ((random() * 4) & 3) : (random() * 16) & 15).toString(16);
  return h.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
