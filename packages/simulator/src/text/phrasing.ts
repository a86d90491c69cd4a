import type { Rng } from '../random.ts';
import type { Family, ProductText } from './family.ts';
import { reword } from './synonyms.ts';
import type { Slots, Template } from './template.ts';

/** How a user message relates to the conversation: the truth a follow-up detector is judged by. */
export type MessageRelation = 'new_task' | 'rephrase' | 'correction' | 'builds_on';

/** One task's phrasing state: which asks were used, so a rephrase picks a new one. */
export interface Phrasing {
  family: Family;
  slots: Slots;
  used: number[];
  last: string;
}

const LEAD_INS = [
  'Let me rephrase: ',
  'Ok, ',
  'Sorry, to be clearer: ',
  'Hmm. ',
  'In other words, ',
  'Let me try again. ',
];

/** Adds a specific to a request: at the end (before its final punctuation), or in front. A
 * detail written with a leading comma (", briefly") is attached with the comma. */
function addDetail(text: string, detail: string, front: boolean): string {
  const comma = detail.startsWith(',');
  const bare = comma ? detail.slice(1).trimStart() : detail;
  if (front) return `${bare.charAt(0).toUpperCase()}${bare.slice(1)}, ${lowerFirst(text)}`;
  const m = /[?.!]+$/.exec(text);
  const glue = comma ? ', ' : ' ';
  return m === null ? `${text}${glue}${bare}` : `${text.slice(0, m.index)}${glue}${bare}${m[0]}`;
}

function lowerFirst(s: string): string {
  const second = s.charAt(1);
  // Keep "I", acronyms and names ("SQL", "Lisbon") as they are.
  if (s.startsWith('I ') || second !== second.toLowerCase()) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** How casual users type: lower case, no final full stop, sometimes no question mark. */
export function casual(rng: Rng, text: string): string {
  let out = lowerFirst(text).replace(/\.$/, '');
  if (rng.chance(0.5)) out = out.replace(/\?$/, '');
  return out;
}

function pickUnused(rng: Rng, asks: readonly Template[], used: readonly number[]): number {
  const free: number[] = [];
  for (let i = 0; i < asks.length; i++) if (!used.includes(i)) free.push(i);
  if (free.length > 0) return rng.pick(free);
  const last = used[used.length - 1];
  const others = asks.map((_, i) => i).filter((i) => i !== last);
  return others.length > 0 ? rng.pick(others) : 0;
}

/** The first message of a task. */
export function firstMessage(rng: Rng, family: Family, slots: Slots): Phrasing {
  const i = rng.int(0, family.asks.length - 1);
  let text = (family.asks[i] as Template).fill(slots);
  if (rng.chance(0.25)) text = addDetail(text, rng.pick(family.details).fill(slots), false);
  return { family, slots, used: [i], last: text };
}

/**
 * The same request in new words: another phrasing of the task, frame words swapped for synonyms,
 * often an added specific, sometimes a lead-in. Never a copy of an earlier message.
 */
export function rephrase(rng: Rng, p: Phrasing): string {
  // Often users edit their own message (same frame, some words swapped, a specific added);
  // otherwise they ask again from scratch with another phrasing.
  const edit = rng.chance(0.45);
  const i = edit ? (p.used[p.used.length - 1] as number) : pickUnused(rng, p.family.asks, p.used);
  if (!edit) p.used.push(i);
  const ask = p.family.asks[i] as Template;
  let text = ask.fill(
    p.slots,
    ask.literals.map((l) => reword(rng, l, edit ? 0.8 : 0.6)),
  );
  if (rng.chance(edit ? 0.8 : 0.55) || text === p.last) {
    text = addDetail(text, rng.pick(p.family.details).fill(p.slots), rng.chance(0.2));
  }
  if (rng.chance(0.2)) text = `${rng.pick(LEAD_INS)}${lowerFirst(text)}`;
  if (text === p.last) text = `${text} Please.`;
  p.last = text;
  return text;
}

/** "No, I meant …": re-explains the task with a correction cue. */
export function correction(rng: Rng, product: ProductText, p: Phrasing): string {
  const short = reword(rng, rng.pick(p.family.shorts).fill(p.slots), 0.3);
  const detail = rng.pick(p.family.details).fill(p.slots).replace(/^,\s*/, '');
  const text = rng.pick(product.corrections).fill({ ...p.slots, short, detail });
  p.last = text;
  return text;
}

/** A follow-up that builds on the answer ("now make it shorter"). */
export function buildsOn(rng: Rng, product: ProductText, p: Phrasing): string {
  let text = rng.pick(product.buildsOn).fill(p.slots);
  for (let i = 0; i < 4 && text === p.last; i++) text = rng.pick(product.buildsOn).fill(p.slots);
  p.last = text;
  return text;
}
