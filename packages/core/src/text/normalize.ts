const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Lower-cased words of a text, punctuation removed, accents folded. The common ground of every
 * lexical comparison Tacit makes (rephrase detection, sketches, edit grading), so that
 * "What's the weather?" and "whats the weather" compare equal.
 */
export function words(text: string): string[] {
  // ASCII text (the usual case): NFKD and accent folding change nothing, and letters and digits
  // are [a-z0-9] once lower-cased, so the same words come out of cheaper expressions.
  const parts = NON_ASCII.test(text)
    ? text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/['’`]/g, '')
        .split(/[^\p{L}\p{N}]+/u)
    : text
        .toLowerCase()
        .replace(/['`]/g, '')
        .split(/[^a-z0-9]+/);
  return parts.filter((w) => w.length > 0);
}

/** The words of `text` joined by single spaces. */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}
