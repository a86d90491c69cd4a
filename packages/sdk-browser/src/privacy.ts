import type { EditStats } from '@tacit/core';
import { words } from '@tacit/core/text/normalize';

/**
 * What privacy mode sends instead of an edited text: how many words of the output the user kept,
 * removed and added. Counted over word multisets (not an ordered diff) so that it is linear in
 * the text and small enough for the browser bundle; a reordering counts as kept.
 */
export function editStats(original: string, final: string): EditStats {
  const left = new Map<string, number>();
  const before = words(original);
  const after = words(final);
  for (const w of before) left.set(w, (left.get(w) ?? 0) + 1);
  let kept = 0;
  for (const w of after) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      kept++;
      left.set(w, n - 1);
    }
  }
  return {
    wordsKept: kept,
    wordsRemoved: before.length - kept,
    wordsAdded: after.length - kept,
    finalChars: final.length,
  };
}
