import { hashInts } from './random.ts';

/** What an id names; part of the id so that ids of different kinds never collide. */
export const ID_KIND = { event: 0, generation: 1, session: 2, user: 3 } as const;
export type IdKind = keyof typeof ID_KIND;

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, '0');
}

/**
 * UUIDv7-shaped ids built from the simulated time and counters, so that the output is
 * byte-identical for a seed: 48 bits of milliseconds, version 7, then 12 + 62 bits that hold a
 * seed tag, the kind, the session (or user) number and a per-session sequence number.
 */
export class IdFactory {
  private readonly randA: string;
  private readonly tag: number;

  constructor(seed: number) {
    const h = hashInts(seed, 0x1d5);
    this.randA = hex(h & 0xfff, 3);
    this.tag = (h >>> 12) & 0xfff;
  }

  /** The id of the `seq`-th thing of `kind` in session (or user) number `owner`, at `ms`. */
  make(kind: IdKind, ms: number, owner: number, seq: number): string {
    const t = hex(Math.max(0, Math.floor(ms)), 12);
    const variant = 0x8000 | (ID_KIND[kind] << 12) | this.tag;
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${this.randA}-${hex(variant, 4)}-${hex(owner >>> 0, 8)}${hex(seq & 0xffff, 4)}`;
  }
}
