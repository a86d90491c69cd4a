import type { ContentType } from '../config.ts';
import type { Rng } from '../random.ts';
import { Template, templates, type Slots } from './template.ts';

/**
 * One kind of task users bring to a product ("explain a concept", "write an email"): how its
 * slots are drawn, the ways users phrase it, and how the model answers it.
 */
export interface Family {
  name: string;
  draw(rng: Rng): Slots;
  /** Ways to ask for the task; a rephrase uses a different one. */
  asks: readonly Template[];
  /** Short restatements of the task, for corrections ("no, I meant {short}"). */
  shorts: readonly Template[];
  /** Specifics a rephrase or a correction may add ("with an example"). */
  details: readonly Template[];
  /** The model's answer; `quality` (0..1) decides how much of it is on target. */
  answer(rng: Rng, slots: Slots, quality: number): string;
}

/** Everything a product's texts are made from. */
export interface ProductText {
  product: ContentType;
  families: readonly Family[];
  /** Follow-ups that build on the answer ("now make it shorter"). May use family slots. */
  buildsOn: readonly Template[];
  /** Follow-ups that re-explain the task; `{short}` and `{detail}` come from the family. */
  corrections: readonly Template[];
  /** Words and phrases users type into outputs when they edit them. */
  userWords: readonly string[];
  comments: { up: readonly string[]; down: readonly string[] };
  /** How the model opens an answer to a follow-up ("Sure!"). */
  acks: readonly string[];
  /** The system prompt of each prompt version (falls back to the first). */
  system: readonly string[];
}

/** Pools of sentences an answer is composed from. */
export interface ProsePools {
  opens: readonly Template[];
  bodies: readonly Template[];
  closes: readonly Template[];
  /** Off-target or vague sentences: what a poor answer is made of. */
  vague: readonly Template[];
  /** Body sentences per answer. */
  min: number;
  max: number;
  /** Separator between body sentences (`' '` for a paragraph, `'\n'` for steps). */
  joiner?: string;
}

export function prosePools(p: {
  opens: readonly string[];
  bodies: readonly string[];
  closes: readonly string[];
  vague: readonly string[];
  min: number;
  max: number;
  joiner?: string;
}): ProsePools {
  return {
    opens: templates(p.opens),
    bodies: templates(p.bodies),
    closes: templates(p.closes),
    vague: templates(p.vague),
    min: p.min,
    max: p.max,
    ...(p.joiner !== undefined ? { joiner: p.joiner } : {}),
  };
}

/** `k` distinct items of `items` in their original order. */
export function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const n = items.length;
  if (k >= n) return items.slice();
  const chosen = new Uint8Array(n);
  let left = k;
  for (let i = 0; i < n && left > 0; i++) {
    // Selection sampling (Knuth's algorithm S): keeps order, one pass, no shuffle.
    if (rng.float() * (n - i) < left) {
      chosen[i] = 1;
      left--;
    }
  }
  const out: T[] = [];
  for (let i = 0; i < n; i++) if (chosen[i] === 1) out.push(items[i] as T);
  return out;
}

/**
 * An answer in prose: an opening, some body sentences, a closing. The lower the quality, the
 * more body sentences are vague or off target and the likelier the opening misses the point.
 */
export function prose(rng: Rng, slots: Slots, pools: ProsePools, quality: number): string {
  const n = rng.int(pools.min, pools.max);
  const offTarget = quality >= 0.5 ? 0.05 : 0.25 + (0.5 - quality) * 1.3;
  const parts: string[] = [];
  const open = rng.chance(offTarget) ? rng.pick(pools.vague) : rng.pick(pools.opens);
  parts.push(open.fill(slots));
  const bodies = sample(rng, pools.bodies, n);
  const body: string[] = [];
  let vague = rng.int(0, pools.vague.length - 1);
  for (const b of bodies) {
    // Vague sentences are taken in turn, so one answer does not repeat itself.
    body.push(
      (rng.chance(offTarget) ? (pools.vague[vague++ % pools.vague.length] as Template) : b).fill(slots),
    );
  }
  const joiner = pools.joiner ?? ' ';
  let text = `${parts[0] as string}${joiner === ' ' ? ' ' : '\n\n'}${body.join(joiner)}`;
  if (quality >= 0.35 || rng.chance(0.5))
    text += `${joiner === ' ' ? ' ' : '\n\n'}${rng.pick(pools.closes).fill(slots)}`;
  return text;
}

export { Template, templates, type Slots };
