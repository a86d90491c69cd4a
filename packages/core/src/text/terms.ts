import { stemmer } from 'stemmer';

/**
 * English function words: what two unrelated questions share ("what are the … of …") and so what
 * must not make them look alike. Pronouns are here too: a rewrite that resolves "it" into
 * "the garage door opener" has not changed the question.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on for and or but nor so is are was were be been being am do does did done ' +
    'have has had having what how why when where who whom whose which can could would should will ' +
    'shall may might must i me my mine myself you your yours yourself we us our ours he him his she ' +
    'her hers it its itself they them their theirs this that these those there here about with from ' +
    'by at as into onto over under than then some any more most much many such very just also too ' +
    'tell please give show explain describe know like want need get make let if not no yes ok okay ' +
    'one ones thing things other others own same each every all both either neither s t'
  ).split(' '),
);

/** Stems already computed: users' vocabulary repeats, and stemming is the costly part. Bounded. */
const stems = new Map<string, string>();
const MAX_STEMS = 50_000;

function stem(w: string): string {
  let s = stems.get(w);
  if (s === undefined) {
    s = stemmer(w);
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(w, s);
  }
  return s;
}

/** Content words of already normalised words (see `words`): stop words dropped, Porter-stemmed. */
export function contentTerms(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) if (!STOPWORDS.has(w)) out.push(stem(w));
  return out;
}
