import type { GenerationLabel } from '../labels/label.ts';
import type { Signal } from '../signals/types.ts';
import { SessionIndex, type GenerationInfo } from './session-index.ts';
import type { PairSource, PreferencePair, Prompt } from './types.ts';

/** Texts that differ only in whitespace are the same answer. */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/** The provenance fields every pair shares, from the rejected generation's label. */
export function pairOf(
  ix: SessionIndex,
  source: PairSource,
  rejected: GenerationInfo,
  label: GenerationLabel,
  p: {
    prompt: Prompt;
    chosen: string;
    chosenId: string;
    confidence: number;
    at: string;
    signals: readonly Signal[];
    chosenGenerationId?: string;
    editEventId?: string;
    promptPolicy?: 'final_phrasing' | 'original';
  },
): PreferencePair {
  const e = rejected.event.properties;
  return {
    id: `pair:${source}:${rejected.id}:${p.chosenId}`,
    source,
    prompt: p.prompt,
    chosen: p.chosen,
    rejected: rejected.output,
    confidence: p.confidence,
    at: p.at,
    provenance: {
      sessionId: ix.sessionId,
      generationId: rejected.id,
      rejectedGenerationId: rejected.id,
      ...(p.chosenGenerationId !== undefined ? { chosenGenerationId: p.chosenGenerationId } : {}),
      ...(p.editEventId !== undefined ? { editEventId: p.editEventId } : {}),
      ...(p.promptPolicy !== undefined ? { promptPolicy: p.promptPolicy } : {}),
      signals: p.signals.map((s) => SessionIndex.evidence(s)),
      contextHash: label.contextHash,
      contextVersion: label.contextVersion,
      model: e.model,
      ...(e.modelVersion !== undefined ? { modelVersion: e.modelVersion } : {}),
      ...(e.promptVersion !== undefined ? { promptVersion: e.promptVersion } : {}),
      ...(label.contentType !== undefined ? { contentType: label.contentType } : {}),
    },
  };
}
