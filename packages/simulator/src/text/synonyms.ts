import type { Rng } from '../random.ts';

/**
 * Frame words users swap when they rephrase ("explain" → "break down"). Applied to the literal
 * words of a phrasing, never to slot values, so a rephrase keeps the task's specifics (the
 * concept, the function name) and changes the wording around them.
 */
const RULES: readonly (readonly [RegExp, readonly string[]])[] = (
  [
    ['can you', ['could you', 'would you']],
    ['explain', ['describe', 'break down']],
    ['explanation', ['overview', 'breakdown']],
    ['simple', ['easy', 'plain', 'basic']],
    ['what is', ["what's"]],
    ['plan', ['organise', 'put together']],
    ['trip', ['vacation', 'holiday']],
    ['itinerary', ['schedule', 'day-by-day plan']],
    ['best', ['ideal', 'smartest', 'recommended']],
    ['suggest', ['recommend']],
    ['difference', ['distinction']],
    ['compare', ['contrast']],
    ['pick', ['choose', 'go with']],
    ['steps', ['instructions']],
    ['tips', ['advice']],
    ['gift', ['present']],
    ['ideas', ['suggestions', 'options']],
    ['write', ['create', 'put together']],
    ['need', ['want', 'would like']],
    ['fix', ['sort out', 'repair']],
    ['bug', ['issue', 'problem']],
    ['function', ['method', 'helper']],
    ['broken', ['failing', 'not working']],
    ['simplify', ['clean up', 'streamline']],
    ['readable', ['clear', 'easy to read']],
    ['tests', ['test cases']],
    ['short', ['brief', 'quick']],
    ['email', ['message', 'note']],
    ['description', ['blurb', 'write-up']],
    ['post', ['update']],
    ['announcing', ['sharing']],
    ['intro', ['introduction', 'opening']],
    ['paragraph', ['passage', 'text']],
    ['rewrite', ['rework', 'reword']],
    ['improve', ['polish']],
    ['reset', ['recover']],
    ['forgot', ['lost']],
    ['cancel', ['end', 'stop']],
    ['subscription', ['membership']],
    ['crashes', ['freezes', 'shuts down']],
    ['download', ['get', 'export']],
    ['arrived', ['shown up', 'come']],
    ['how do i', ['how can i', 'how should i']],
    ['i want', ["i'd like"]],
    ['quick', ['short', 'fast']],
    ['help me', ['i need help to']],
    ['make', ['turn']],
  ] as const
).map(([from, to]) => [new RegExp(`\\b${from}\\b`, 'i'), to] as const);

function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0);
  return first !== first.toLowerCase()
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

/** `text` with each known frame word swapped for a synonym with probability `p`. */
export function reword(rng: Rng, text: string, p: number): string {
  let out = text;
  for (const [re, alternatives] of RULES) {
    if (!re.test(out) || !rng.chance(p)) continue;
    const alt = rng.pick(alternatives);
    out = out.replace(re, (m) => matchCase(m, alt));
  }
  return out;
}

/** A synonym for one word, when one is known. */
export function synonymOf(rng: Rng, word: string): string | undefined {
  const lower = word.toLowerCase();
  for (const [re, alternatives] of RULES) {
    if (re.source === `\\b${lower}\\b`) return matchCase(word, rng.pick(alternatives));
  }
  return undefined;
}
