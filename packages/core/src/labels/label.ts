import { contextHash } from '../context/hash.ts';
import type { ProductContext } from '../context/schema.ts';
import type { Signal } from '../signals/types.ts';
import type { GenerationView } from '../signals/view.ts';
import { combineEvidence } from './evidence.ts';
import { gradeOf, type Grade } from './grade.ts';
import { scoreEvidence, type Route } from './score.ts';
import { isoString } from '../sessionize/time.ts';

/** The label of one generation: what all the evidence says about whether it was good. */
export interface GenerationLabel {
  generationId: string;
  sessionId: string;
  /** Probability the output was good, 0..1. */
  pGood: number;
  /** How settled the label is, 0..1 (0: no evidence). */
  confidence: number;
  /** null when there is no evidence at all. */
  grade: Grade | null;
  /** Evidence points both ways. */
  mixed: boolean;
  route: Route;
  /** Independent pieces of evidence. */
  evidence: number;
  /** Ids of the signals it was computed from. */
  signals: string[];
  /** Whether the session is closed: an open session's labels may still change. */
  final: boolean;
  contextVersion: string;
  contextHash: string;
  /** When the generation was shown (ISO 8601), and its metadata, for slicing. */
  at: string;
  model?: string;
  modelVersion?: string;
  promptVersion?: string;
  contentType?: string;
}

/**
 * Labels a generation from its signals.
 *
 * @example
 * const label = labelGeneration(g, signalsOfG, context, true);
 * if (label.route === 'train') dataset.push(label);
 */
export function labelGeneration(
  g: GenerationView,
  signals: readonly Signal[],
  context: ProductContext,
  final: boolean,
): GenerationLabel {
  const evidence = combineEvidence(signals);
  const score = scoreEvidence(evidence, context);
  const label: GenerationLabel = {
    generationId: g.id,
    sessionId: g.shown?.event.sessionId ?? g.actions[0]?.event.sessionId ?? '',
    pGood: score.pGood,
    confidence: score.confidence,
    grade: gradeOf(signals, score.pGood),
    mixed: score.mixed,
    route: score.route,
    evidence: evidence.groups,
    signals: signals.map((s) => s.id),
    final,
    contextVersion: context.version,
    contextHash: contextHash(context),
    at: isoString(g.at),
  };
  const e = g.shown?.event;
  if (e?.type === 'generation') {
    label.model = e.properties.model;
    if (e.properties.modelVersion !== undefined) label.modelVersion = e.properties.modelVersion;
    if (e.properties.promptVersion !== undefined) label.promptVersion = e.properties.promptVersion;
  }
  if (g.contentType !== undefined) label.contentType = g.contentType;
  return label;
}
