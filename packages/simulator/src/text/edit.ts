import type { Rng } from '../random.ts';
import { synonymOf } from './synonyms.ts';

const WORD = /^([^\p{L}\p{N}]*)([\p{L}\p{N}'’-]+)([^\p{L}\p{N}]*)$/u;

/**
 * A targeted, word-level edit of `text`: about `ratio` of its words are replaced (by a synonym
 * or a word the user types), deleted, or have a word inserted before them. Line breaks and
 * punctuation around a word survive. The result always differs from `text`.
 */
export function editWords(rng: Rng, text: string, ratio: number, userWords: readonly string[]): string {
  const tokens = text.split(' ');
  const ops = Math.max(1, Math.round(ratio * tokens.length));
  for (let k = 0; k < ops && tokens.length > 0; k++) {
    const i = rng.int(0, tokens.length - 1);
    const token = tokens[i] as string;
    const m = WORD.exec(token);
    const op = rng.float();
    if (op < 0.45 && m !== null) {
      const [, pre, word, post] = m as unknown as [string, string, string, string];
      const replacement = synonymOf(rng, word) ?? rng.pick(userWords);
      tokens[i] = `${pre}${replacement}${post}`;
    } else if (op < 0.75 && tokens.length > 3 && !token.includes('\n')) {
      tokens.splice(i, 1);
    } else {
      tokens.splice(i, 0, rng.pick(userWords));
    }
  }
  const out = tokens.join(' ');
  return out === text ? `${text} ${rng.pick(userWords)}` : out;
}
