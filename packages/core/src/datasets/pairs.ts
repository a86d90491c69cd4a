import type { ProductContext } from '../context/schema.ts';
import { editPairs, type EditPairOptions } from './pairs-edit.ts';
import { regenerationPairs } from './pairs-regenerate.ts';
import { rephrasePairs, type RephrasePairOptions } from './pairs-rephrase.ts';
import { SessionIndex } from './session-index.ts';
import type { LabeledSession, PairSource, PreferencePair } from './types.ts';

export interface PairOptions extends EditPairOptions, RephrasePairOptions {
  /** Sources to build (default all: edit, regenerate, rephrase). */
  sources?: readonly PairSource[];
  /** Include generations of sessions still open (their labels may change). Default false. */
  includeOpen?: boolean;
}

/**
 * The preference pairs of one labeled session, from edits, regenerations and rephrased retries,
 * each with its source, confidence and provenance; in the order the rejected outputs were shown.
 * Near-duplicates across sessions are collapsed by `PairDeduper`.
 *
 * @example
 * for (const pair of preferencePairs({ events, labels }, ctx)) write(toDpoRow(pair));
 */
export function preferencePairs(
  session: LabeledSession,
  context: ProductContext,
  options: PairOptions = {},
): PreferencePair[] {
  if (!session.labels.session.closed && options.includeOpen !== true) return [];
  const ix = new SessionIndex(session, context);
  const sources = new Set(options.sources ?? ['edit', 'regenerate', 'rephrase']);
  const pairs = [
    ...(sources.has('edit') ? editPairs(ix, options) : []),
    ...(sources.has('regenerate') ? regenerationPairs(ix) : []),
    ...(sources.has('rephrase') ? rephrasePairs(ix, options) : []),
  ];
  const order = new Map(session.labels.labels.map((l, i) => [l.generationId, i]));
  const seen = new Set<string>();
  return pairs
    .sort(
      (a, b) =>
        (order.get(a.provenance.rejectedGenerationId) ?? 0) -
          (order.get(b.provenance.rejectedGenerationId) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .filter((p) => !seen.has(p.id) && seen.add(p.id));
}
