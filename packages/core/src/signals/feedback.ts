import type { TimedEvent } from '../sessionize/index.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';

/** Up, down, or neither, from a thumb or a score on its scale (upper 40 % up, lower 40 % down). */
export function feedbackDirection(t: TimedEvent): 'up' | 'down' | undefined {
  const e = t.event;
  if (e.type !== 'feedback') return undefined;
  const p = e.properties;
  if (p.thumb !== undefined) return p.thumb;
  if (p.score === undefined) return undefined;
  const { min, max } = p.scale ?? { min: 0, max: 1 };
  if (max <= min) return undefined;
  const x = (p.score - min) / (max - min);
  return x >= 0.6 ? 'up' : x <= 0.4 ? 'down' : undefined;
}

/**
 * `feedback_up` / `feedback_down`: explicit thumbs or scores. Counted, not the primary signal:
 * few users give them, mostly unhappy ones. The user's last word on a generation wins.
 */
export const detectFeedback: Detector = (view) => {
  const out: Signal[] = [];
  for (const g of view.ordered) {
    let last: { t: TimedEvent; dir: 'up' | 'down' } | undefined;
    for (const t of g.actions) {
      const dir = feedbackDirection(t);
      if (dir !== undefined) last = { t, dir };
    }
    if (last === undefined) continue;
    const s = emit(view, last.dir === 'up' ? 'feedback_up' : 'feedback_down', {
      generationId: g.id,
      evidence: [last.t],
    });
    if (s) out.push(s);
  }
  return out;
};
