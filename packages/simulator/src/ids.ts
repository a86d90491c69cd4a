import { hashInts } from './random.ts';

/** What an id names; part of the id so that ids of different kinds never collide. */
export const ID_KIND = { event: 0, generation: 1, session: 2, user: 3 } as const;
export type IdKind = keyof typeof ID_KIND;

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_24 = 0x1000000;

function hex4(n: number): string {
  return (HEX2[(n >>> 8) & 0xff] as string) + (HEX2[n & 0xff] as string);
}

function hex6(n: number): string {
  return (
    (HEX2[(n >>> 16) & 0xff] as string) + (HEX2[(n >>> 8) & 0xff] as string) + (HEX2[n & 0xff] as string)
  );
}

function hex8(n: number): string {
  return hex4(n >>> 16) + hex4(n & 0xffff);
}

/**
 * UUIDv7-shaped ids built from the simulated time and counters, so that the output is
 * byte-identical for a seed: 48 bits of milliseconds, version 7, then 12 + 62 bits that hold a
 * seed tag, the kind, the session (or user) number and a per-session sequence number.
 * (Hand-formatted: the simulator makes one per event, and `toString(16)` shows in profiles.)
 */
export class IdFactory {
  private readonly randA: string;
  private readonly variants: readonly string[];

  constructor(seed: number) {
    const h = hashInts(seed, 0x1d5);
    this.randA = `7${(h & 0xfff).toString(16).padStart(3, '0')}`;
    const tag = (h >>> 12) & 0xfff;
    this.variants = [0, 1, 2, 3].map((kind) => hex4(0x8000 | (kind << 12) | tag));
  }

  /** The id of the `seq`-th thing of `kind` in session (or user) number `owner`, at `ms`. */
  make(kind: IdKind, ms: number, owner: number, seq: number): string {
    return (
      this.prefix(ms) +
      (this.variants[ID_KIND[kind]] as string) +
      '-' +
      hex8(owner >>> 0) +
      hex4(seq & 0xffff)
    );
  }

  /** A maker of ids for one owner, with the owner's part formatted once. */
  forOwner(kind: IdKind, owner: number): (ms: number, seq: number) => string {
    const tail = `${this.variants[ID_KIND[kind]] as string}-${hex8(owner >>> 0)}`;
    return (ms, seq) => this.prefix(ms) + tail + hex4(seq & 0xffff);
  }

  private prefix(ms: number): string {
    const t = Math.max(0, Math.floor(ms));
    const lo = hex6(t % TWO_24);
    return `${hex6(Math.floor(t / TWO_24))}${lo.slice(0, 2)}-${lo.slice(2)}-${this.randA}-`;
  }
}
