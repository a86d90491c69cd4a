/**
 * A source of UUIDv7s (RFC 9562): 48 bits of Unix milliseconds, the version, a 12-bit counter,
 * then random bits (with the variant). The ids of one source sort in the order they were made,
 * also within a millisecond or when the clock steps back: the counter starts at a random value
 * each millisecond and carries into the time when it overflows (RFC 9562, method 1). Tacit lists
 * simultaneous events by id, so two events captured in the same millisecond (a view and the
 * navigation that ended it) keep their order. Clock and randomness are injected so that tests
 * are deterministic.
 *
 * @example
 * const id = uuidv7Source(() => Date.now(), Math.random);
 * id() // '0192f1c4-7a10-7c3e-9a41-5b0c2d1e8f37'
 */
export function uuidv7Source(now: () => number, random: () => number): () => string {
  let last = 0;
  let seq = 0;
  return () => {
    let ms = Math.max(Math.floor(now()), last);
    // Seeded in the lower half, so that a burst has room to count up.
    if (ms > last) seq = (random() * 2048) | 0;
    else if (++seq > 4095) {
      ms++;
      seq = 0;
    }
    last = ms;
    // 0x7000 + seq: the version digit, then the counter.
    let h = ms.toString(16).padStart(12, '0') + (0x7000 + seq).toString(16);
    // Hex digit 16 carries the variant (binary 10xx); the others are random.
    for (let i = 16; i < 32; i++)
      h += (i > 16 ? (random() * 16) & 15 : 8 | ((random() * 4) & 3)).toString(16);
    return h.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
