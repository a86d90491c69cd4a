/** Any UTF-16 code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Lower-cased words of a text, punctuation removed, accents folded. The common ground of every
 * lexical comparison Tacit makes (rephrase detection, sketches, edit grading), so that
 * "What's the weather?" and "whats the weather" compare equal.
 */
export function words(text: string): string[] {
  // ASCII text (the usual case): NFKD and accent folding change nothing, and letters and digits
  // are [a-z0-9] once lower-cased, so the same words come out of one pass over the characters.
  if (!NON_ASCII.test(text)) return asciiWords(text.toLowerCase());
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** `words` of lower-cased ASCII text in one pass: runs of [a-z0-9], apostrophes and backticks dropped. */
function asciiWords(s: string): string[] {
  const out: string[] = [];
  let word = '';
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    // ' and ` join what is around them ("what's" → "whats"); anything else ends a word.
    word += s.slice(from, i);
    if (c !== 39 && c !== 96) {
      if (word.length > 0) out.push(word);
      word = '';
    }
    from = i + 1;
  }
  return out;
}

/** The words of `text` joined by single spaces. */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}
