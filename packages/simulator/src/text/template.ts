/** Slot values of one task: `{concept}` in a template reads `slots.concept`. */
export type Slots = Readonly<Record<string, string>>;

/**
 * A text with `{slot}` holes, split once so that filling it is a few concatenations (the
 * simulator fills millions). `{Slot}` (capitalised) inserts the value with a capital first letter.
 */
export class Template {
  readonly source: string;
  private readonly parts: readonly string[];
  private readonly names: readonly string[];
  private readonly caps: readonly boolean[];

  constructor(source: string) {
    this.source = source;
    const parts: string[] = [];
    const names: string[] = [];
    const caps: boolean[] = [];
    let last = 0;
    for (const m of source.matchAll(/\{(\w+)\}/g)) {
      const name = m[1] as string;
      parts.push(source.slice(last, m.index));
      names.push(name.charAt(0).toLowerCase() + name.slice(1));
      caps.push(name.charAt(0) !== name.charAt(0).toLowerCase());
      last = m.index + m[0].length;
    }
    parts.push(source.slice(last));
    this.parts = parts;
    this.names = names;
    this.caps = caps;
  }

  /** The slot names this template needs. */
  get slots(): readonly string[] {
    return this.names;
  }

  /** The literal text between slots (what a rephrase may reword). */
  get literals(): readonly string[] {
    return this.parts;
  }

  fill(slots: Slots, literals: readonly string[] = this.parts): string {
    let out = literals[0] as string;
    for (let i = 0; i < this.names.length; i++) {
      const value = slots[this.names[i] as string] ?? '';
      out += this.caps[i] ? capitalize(value) : value;
      out += literals[i + 1] as string;
    }
    return out;
  }
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** Compiles a list of template sources. */
export function templates(sources: readonly string[]): readonly Template[] {
  return sources.map((s) => new Template(s));
}
