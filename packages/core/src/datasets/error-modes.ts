import { words } from '../text/normalize.ts';
import { lastUserText } from './dedupe.ts';
import type { ErrorMode, EvalExample } from './types.ts';

/** What the bucketing reads of a negative example. */
export type ErrorModeInput = Pick<EvalExample, 'prompt' | 'response' | 'reference' | 'referenceSource'> & {
  features: Pick<EvalExample['features'], 'followUps'>;
};

export interface ErrorModeVerdict {
  mode: ErrorMode;
  /** The rule (or classifier) that decided. */
  by: string;
}

const REFUSAL =
  /\b(i can(?:no|['’])t|i cannot|i am unable|i['’]m unable|i won['’]t be able|i['’]m not able|i am not able|as an ai|i['’]m sorry,? but|i apologi[sz]e,? but|unable to (?:help|assist|comply)|can['’]t (?:help|assist) with|against (?:my|the) (?:policy|policies|guidelines))\b/i;
const HALLUCINATION_CUES =
  /\b(wrong|incorrect|not true|untrue|false|made up|make up|doesn['’]?t exist|does not exist|no such|not real|hallucinat\w*|inaccurate|that['’]?s not (?:right|correct|what)|fake|nonexistent|invented)\b/i;
const LENGTH_CUES =
  /\b(shorter|too long|longer|too short|more detail|more details|less detail|brief(?:er|ly)?|concise|expand|elaborate|tl;?dr|one sentence|in \d+ words|summari[sz]e)\b/i;
const FORMAT_CUES =
  /\b(format(?:ted|ting)?|as (?:a )?(?:json|table|list|csv|yaml|markdown|bullet(?:s| points)?)|in (?:a )?(?:table|list|bullet points|json|code block)|bullet points?|numbered|code block|indent\w*|markdown|headings?)\b/i;

/** Formats a prompt can ask for, and how to tell the response has it. */
const FORMATS: { ask: RegExp; has: (response: string) => boolean; name: string }[] = [
  {
    name: 'json',
    ask: /\bjson\b/i,
    has: (r) => {
      const m = /[[{][\s\S]*[\]}]/.exec(r);
      if (!m) return false;
      try {
        JSON.parse(m[0]);
        return true;
      } catch {
        return false;
      }
    },
  },
  { name: 'table', ask: /\b(table|tabular)\b/i, has: (r) => /\|.*\|/.test(r) || /\t/.test(r) },
  {
    name: 'list',
    ask: /\b(list|bullet(?:s| points?)?|numbered|steps)\b/i,
    has: (r) => /^\s*(?:[-*•]|\d+[.)])\s+/m.test(r),
  },
  {
    name: 'code',
    ask: /\b(code|function|script|snippet|regex|sql query|implement)\b/i,
    has: (r) => /```|[{};=]|\bdef |\bfunction\b|=>/.test(r),
  },
];

function numbers(text: string): Set<string> {
  return new Set(text.match(/\d+(?:[.,]\d+)*/g) ?? []);
}

/** Capitalised words not at a sentence start: names, places, products. */
function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![.!?]\s|^)\b([A-Z][a-z]{2,})\b/gm)) out.add(m[1] as string);
  return out;
}

function changed(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (!b.has(x)) n++;
  return n;
}

/**
 * Buckets a negative example by what went wrong, with heuristics (no model needed), in order:
 * - **refusal**: the response declines ("I can't help with…", "As an AI…");
 * - **hallucination**: the user's follow-up or feedback says it is wrong or made up, or their edit
 *   replaced the response's numbers or names (facts, not wording);
 * - **format**: the prompt asked for JSON, a table, a list or code and the response has none, the
 *   user's follow-up is about format, or their edit kept every word and changed only the layout;
 * - **length**: the follow-up asks for shorter/longer, or the user cut the response to under half
 *   or grew it to over double;
 * - **other**: none of these.
 *
 * @example
 * errorModeOf({ prompt: 'List 3 fruits as JSON', response: 'Apples, pears and plums.', features: { followUps: [] } })
 * // { mode: 'format', by: 'asked_json' }
 */
export function errorModeOf(ex: ErrorModeInput): ErrorModeVerdict {
  const response = ex.response;
  const followUps = ex.features.followUps.join('\n');
  const head = response.slice(0, 300);
  if (REFUSAL.test(head) || (response.length < 200 && /\bsorry\b/i.test(response)))
    return { mode: 'refusal', by: 'refusal_phrase' };
  if (HALLUCINATION_CUES.test(followUps)) return { mode: 'hallucination', by: 'follow_up_says_wrong' };
  // Numbers, names, layout and length compare only against the user's edit of this very response.
  const ref = ex.referenceSource === 'retry' ? undefined : ex.reference;
  if (ref !== undefined) {
    const nums = changed(numbers(response), numbers(ref));
    const ns = changed(names(response), names(ref));
    if (nums > 0 || ns >= 2)
      return { mode: 'hallucination', by: nums > 0 ? 'edit_changed_numbers' : 'edit_changed_names' };
  }
  if (FORMAT_CUES.test(followUps)) return { mode: 'format', by: 'follow_up_about_format' };
  const lastUser = lastUserText(ex.prompt);
  for (const f of FORMATS)
    if (f.ask.test(lastUser) && !f.has(response)) return { mode: 'format', by: `asked_${f.name}` };
  // Against a reference, the words of both are compared twice below: split once.
  const split = ref === undefined ? undefined : { ref: words(ref), response: words(response) };
  if (split && ref !== response && split.ref.join(' ') === split.response.join(' '))
    return { mode: 'format', by: 'edit_changed_layout_only' };
  if (LENGTH_CUES.test(followUps)) return { mode: 'length', by: 'follow_up_about_length' };
  if (split) {
    const r = split.ref.length / Math.max(1, split.response.length);
    if (r < 0.5) return { mode: 'length', by: 'edit_cut_over_half' };
    if (r > 2) return { mode: 'length', by: 'edit_doubled' };
  }
  return { mode: 'other', by: 'no_rule' };
}
