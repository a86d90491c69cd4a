import type { SignalKind } from '../context/schema.ts';
import type { Signal } from '../signals/types.ts';

export type Grade = 'accepted' | 'minor_edit' | 'major_edit' | 'replaced' | 'rejected';

const EDIT_GRADE: Partial<Record<SignalKind, Grade>> = {
  edit_none: 'accepted',
  edit_minor: 'minor_edit',
  edit_major: 'major_edit',
  edit_replaced: 'replaced',
};

/**
 * The grade of a generation: what the user's final text says when they edited it (accepted,
 * minor_edit, major_edit, replaced); otherwise accepted or rejected by P(good). No evidence, no grade.
 */
export function gradeOf(signals: readonly Signal[], pGood: number): Grade | null {
  if (signals.length === 0) return null;
  for (const s of signals) {
    const g = EDIT_GRADE[s.kind];
    if (g !== undefined) return g;
  }
  return pGood >= 0.5 ? 'accepted' : 'rejected';
}
