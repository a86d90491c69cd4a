/**
 * Lower-cased words of a text, punctuation removed, accents folded. The common ground of every
 * lexical comparison Tacit makes (rephrase detection, sketches, edit grading), so that
 * "What's the weather?" and "whats the weather" compare equal. (The browser SDK bundles this
 * file: keep it small; `fastWords` is the same function, faster on ASCII.)
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The words of `text` joined by single spaces. */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}
