import { replayEdits } from './edit-replay.ts';
import { DOWNSTREAM_TYPES } from './downstream.ts';
import { emit, type Detector } from './emit.ts';
import type { GenerationView } from './view.ts';

/** Whether the user did something with the output that shows it served: moved, accepted, thumbed up. */
export function usedDownstream(g: GenerationView): boolean {
  if (g.actions.some((t) => DOWNSTREAM_TYPES.has(t.event.type))) return true;
  if (g.actions.some((t) => t.event.type === 'feedback' && t.event.properties.thumb === 'up')) return true;
  return replayEdits(g).accepts.some((a) => a.undoneBy === undefined);
}

/**
 * `abandoned`: the session closed (session end or inactivity) right after an output the user did
 * nothing with — no copy, share, export, standing accept or thumbs-up — and with no completion.
 * A weak negative on that last output: it may have been a meeting. Leaving right after a copy is
 * good abandonment and not a signal. Open sessions are never abandoned.
 */
export const detectAbandoned: Detector = (view) => {
  const { session } = view;
  if (!session.closed || view.completions.length > 0) return [];
  const last = view.ordered[view.ordered.length - 1];
  if (last === undefined || usedDownstream(last)) return [];
  const end = session.events.find((t) => t.event.type === 'session_end');
  const evidence = [last.shown ?? last.actions[0], ...(end ? [end] : [])].filter((t) => t !== undefined);
  const s = emit(view, 'abandoned', {
    generationId: last.id,
    evidence,
    details: { closedBy: session.closedBy ?? 'inactivity' },
  });
  return s ? [s] : [];
};
