import { pairConfidence, USER_TEXT_P_GOOD } from './confidence.ts';
import { pairOf, sameText } from './pair-common.ts';
import type { SessionIndex } from './session-index.ts';
import type { PreferencePair } from './types.ts';

export interface EditPairOptions {
  /**
   * Skip edits whose edit ratio is at or below this. Default: the context's own threshold, i.e.
   * edits graded `edit_none` (ratio ≤ `edits.<contentType>.none`) are trivial and make no pair.
   */
  minEditRatio?: number;
}

/**
 * Pairs from edits: the model's output is rejected, the user's final text (the last edit still in
 * effect) is chosen, with the generation's own prompt. Whitespace-only edits and edits the
 * product context grades `edit_none` (trivial) make no pair; neither do privacy-mode edits, which
 * carry no text.
 */
export function editPairs(ix: SessionIndex, options: EditPairOptions = {}): PreferencePair[] {
  const out: PreferencePair[] = [];
  for (const [id, signals] of ix.signals) {
    const s = signals.find((x) => x.kind.startsWith('edit_'));
    if (s === undefined) continue;
    const ratio = typeof s.details?.ratio === 'number' ? s.details.ratio : 0;
    if (options.minEditRatio !== undefined ? ratio <= options.minEditRatio : s.kind === 'edit_none') continue;
    const g = ix.generations.get(id);
    const label = ix.labels.get(id);
    const editId = s.evidence[0];
    const edit = editId !== undefined ? ix.event(editId) : undefined;
    if (g === undefined || label === undefined || edit?.type !== 'edit') continue;
    const text = edit.properties.text;
    if (text === undefined || sameText(text, g.output)) continue;
    out.push(
      pairOf(ix, 'edit', g, label, {
        prompt: g.prompt,
        chosen: text,
        chosenId: edit.id,
        confidence: pairConfidence(USER_TEXT_P_GOOD, label.pGood),
        at: ix.clientTime(s.evidence, s.at),
        signals,
        editEventId: edit.id,
      }),
    );
  }
  return out;
}
