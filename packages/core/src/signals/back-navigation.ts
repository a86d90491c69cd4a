import type { TimedEvent } from '../sessionize/index.ts';
import { emit, type Detector } from './emit.ts';
import { generationAt } from './latest.ts';
import type { Signal } from './types.ts';

/**
 * `back_navigation`: the user opened a result of the output (navigate `deeper`) and came straight
 * back (navigate `back` within `withinSeconds`): the result did not hold them (pogo-sticking).
 */
export const detectBackNavigation: Detector = (view) => {
  const within = view.context.signals.back_navigation.withinSeconds * 1000;
  const out: Signal[] = [];
  let opened: TimedEvent | undefined;
  for (const t of view.session.events) {
    const e = t.event;
    if (e.type !== 'navigate') continue;
    if (e.properties.direction === 'deeper') {
      opened = t;
    } else if (e.properties.direction === 'back' && opened !== undefined) {
      const g = generationAt(view, opened.event.generationId ?? e.generationId, opened.at);
      if (g !== undefined && t.at - opened.at <= within) {
        const s = emit(view, 'back_navigation', {
          generationId: g.id,
          evidence: [opened, t],
          details: { afterMs: t.at - opened.at },
        });
        if (s) out.push(s);
      }
      opened = undefined;
    } else {
      opened = undefined;
    }
  }
  return out;
};
