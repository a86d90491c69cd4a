import type { Detector } from './emit.ts';
import { followUpSignals } from './follow-up-signal.ts';

const MODIFYING = new Set(['edit', 'undo', 'regenerate']);

/**
 * `proceeded`: the user went on to a new task after the answer, without editing, undoing or
 * regenerating it first: a weak positive.
 */
export const detectProceeded: Detector = (view) =>
  followUpSignals(view, 'proceeded', 'new_topic', (f) => {
    const answer = f.answer;
    if (answer === undefined || answer.children.length > 0) return false;
    return !answer.actions.some((t) => t.at <= f.next.event.at && MODIFYING.has(t.event.type));
  });
