import { words } from './normalize.ts';

/** Any UTF-16 code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * `words`, faster: in ASCII text (the usual case) NFKD and accent folding change nothing, and
 * letters and digits are [a-z0-9] once lower-cased, so the same words come out of one pass over
 * the characters. A separate file from `words`, which the browser SDK bundles.
 */
export function fastWords(text: string): string[] {
  return NON_ASCII.test(text) ? words(text) : asciiWords(text.toLowerCase());
}

/** `words` of lower-cased ASCII text: runs of [a-z0-9], apostrophes and backticks dropped. */
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
