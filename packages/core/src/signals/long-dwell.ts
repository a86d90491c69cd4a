import type { TimedEvent } from '../sessionize/index.ts';
import { fastWords as words } from '../text/fast-words.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';

/**
 * `long_dwell_then_edit`: a long read before editing or regenerating — confusion. Long means at
 * least `minSeconds` and at least `factor` times the time the output takes to read at
 * `wordsPerMinute`. The dwell is the longest `view.visibleMs` before the action, or without view
 * events the time from showing the output to the action.
 */
export const detectLongDwell: Detector = (view) => {
  const cfg = view.context.signals.long_dwell_then_edit;
  const out: Signal[] = [];
  for (const g of view.ordered) {
    let action: TimedEvent | undefined;
    for (const t of g.actions) {
      if (t.event.type === 'edit' || t.event.type === 'regenerate') {
        action = t;
        break;
      }
    }
    const child = g.children.map((id) => view.generations.get(id)?.shown).find((t) => t !== undefined);
    if (child !== undefined && (action === undefined || child.at < action.at)) action = child;
    if (action === undefined) continue;
    const until = action.at;
    const views = g.actions.filter((t) => t.event.type === 'view' && t.at <= until);
    let dwell = 0;
    for (const t of views) if (t.event.type === 'view') dwell = Math.max(dwell, t.event.properties.visibleMs);
    if (views.length === 0 && g.shown !== undefined) dwell = action.at - g.shown.at;
    const expected = g.output !== undefined ? (words(g.output).length / cfg.wordsPerMinute) * 60_000 : 0;
    const long = Math.max(cfg.minSeconds * 1000, cfg.factor * expected);
    if (dwell < long) continue;
    const s = emit(view, 'long_dwell_then_edit', {
      generationId: g.id,
      // The views are the evidence of the dwell; the action itself is the edit's or regeneration's.
      evidence: views.length > 0 ? views : [action],
      details: { dwellMs: dwell, expectedMs: Math.round(expected), action: action.event.type },
    });
    if (s) out.push(s);
  }
  return out;
};
