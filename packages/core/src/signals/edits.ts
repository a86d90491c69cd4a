import type { ProductContext, SignalKind } from '../context/schema.ts';
import { analyzeEdit, analyzeEditStats, gradeEdit, type EditAnalysis, type EditGrade } from './edit-diff.ts';
import { replayEdits } from './edit-replay.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';
import type { GenerationView } from './view.ts';

const KIND: Record<EditGrade, SignalKind> = {
  none: 'edit_none',
  minor: 'edit_minor',
  major: 'edit_major',
  replaced: 'edit_replaced',
};

/** The edit thresholds for a generation's content type (or the default). */
export function thresholdsFor(context: ProductContext, contentType: string | undefined) {
  return (
    (contentType !== undefined ? context.edits.byContentType[contentType] : undefined) ??
    context.edits.default
  );
}

/** The analysis of the edit in effect on a generation, when there is one and it can be compared. */
export function finalEditAnalysis(g: GenerationView, context: ProductContext): EditAnalysis | undefined {
  const edit = replayEdits(g).finalEdit?.event;
  if (edit?.type !== 'edit') return undefined;
  const t = thresholdsFor(context, g.contentType);
  if (edit.properties.text !== undefined && g.output !== undefined) {
    return analyzeEdit(g.output, edit.properties.text, {
      maxTokens: context.edits.maxDiffTokens,
      overwriteKeptBelow: t.overwriteKeptBelow,
      stopAboveRatio: t.major,
    });
  }
  if (edit.properties.stats !== undefined) {
    return analyzeEditStats(edit.properties.stats, { overwriteKeptBelow: t.overwriteKeptBelow });
  }
  return undefined;
}

/**
 * `edit_none` / `edit_minor` / `edit_major` / `edit_replaced`: the output against the user's final
 * text (the last edit still in effect), graded by the edit ratio under the thresholds of the
 * generation's content type. Edits the user undid do not count.
 */
export const detectEdits: Detector = (view) => {
  const out: Signal[] = [];
  for (const g of view.ordered) {
    const a = finalEditAnalysis(g, view.context);
    const finalEdit = replayEdits(g).finalEdit;
    if (a === undefined || finalEdit === undefined) continue;
    const grade = gradeEdit(a, thresholdsFor(view.context, g.contentType));
    const s = emit(view, KIND[grade], {
      generationId: g.id,
      evidence: [finalEdit],
      details: {
        ratio: Number(a.ratio.toFixed(4)),
        kept: a.kept,
        removed: a.removed,
        added: a.added,
        scope: a.scope,
        method: a.method,
        ...(a.hunks !== undefined ? { hunks: a.hunks } : {}),
      },
    });
    if (s) out.push(s);
  }
  return out;
};
