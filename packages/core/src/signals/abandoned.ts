import type { ProductContext } from '../context/schema.ts';
import { replayEdits } from './edit-replay.ts';
import { DOWNSTREAM_TYPES } from './downstream.ts';
import { emit, type Detector } from './emit.ts';
import type { GenerationView } from './view.ts';

/** Whether the user did something with the output that shows it served: moved, accepted, thumbed up. */
export function usedDownstream(g: GenerationView): boolean {
  if (g.actions.some((t) => DOWNSTREAM_TYPES.has(t.event.type))) return true;
  if (g.actions.some((t) => t.event.type === 'feedback' && t.event.properties.thumb === 'up')) return true;
  return replayEdits(g).standing.length > 0;
}

/**
 * Whether the user read the output to the end, where the product counts that as a good sign
 * (`read_depth` enabled, positive, read to at least `fullAbove`). Leaving then is the "good
 * abandonment" of an information need: the answer was read, there was nothing else to do with it.
 */
export function readToEnd(g: GenerationView, context: ProductContext): boolean {
  const cfg = context.signals.read_depth;
  if (!cfg.enabled || cfg.polarity !== 'positive') return false;
  return g.actions.some(
    (t) =>
      t.event.type === 'view' &&
      t.event.properties.readDepth !== undefined &&
      t.event.properties.readDepth >= cfg.fullAbove,
  );
}

/** The output was used (downstream, accepted, thumbed up) or read to the end: leaving is not abandonment. */
export function served(g: GenerationView, context: ProductContext): boolean {
  return usedDownstream(g) || readToEnd(g, context);
}

/**
 * `abandoned`: the session closed (session end or inactivity) right after an output the user did
 * nothing with — no copy, share, export, standing accept or thumbs-up, not read to the end where
 * the product counts reading — and with no completion. A weak negative on that last output: it
 * may have been a meeting. Leaving right after a copy, or after reading the whole answer, is good
 * abandonment and not a signal. Open sessions are never abandoned.
 */
export const detectAbandoned: Detector = (view) => {
  const { session } = view;
  if (!session.closed || view.completions.length > 0) return [];
  const last = view.ordered[view.ordered.length - 1];
  if (last === undefined || served(last, view.context)) return [];
  const end = session.events.find((t) => t.event.type === 'session_end');
  const evidence = [last.shown ?? last.actions[0], ...(end ? [end] : [])].filter((t) => t !== undefined);
  const s = emit(view, 'abandoned', {
    generationId: last.id,
    evidence,
    details: { closedBy: session.closedBy ?? 'inactivity' },
  });
  return s ? [s] : [];
};
