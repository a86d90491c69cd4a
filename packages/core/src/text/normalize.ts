const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Lower-cased words of a text, punctuation removed, accents folded. The common ground of every
 * lexical comparison Tacit makes (rephrase detection, sketches, edit grading), so that
 * "What's the weather?" and "whats the weather" compare equal.
 */
export function words(text: string): string[] {
  // NFKD and accent folding change nothing in ASCII text, the usual case: skip them.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return folded
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The words of `text` joined by single spaces. */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}
