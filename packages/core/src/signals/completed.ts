import { emit, type Detector } from './emit.ts';
import { generationAt } from './latest.ts';
import type { Signal } from './types.ts';

/**
 * `completed`: a product-defined completion (`complete` events whose name the context's
 * `completion.events` lists; `*` for any): ticket resolved, tests passed, document published.
 * Session-level; it is also credited to the generation it names, or else the latest one shown
 * before it, whose answer the user completed the task with.
 */
export const detectCompleted: Detector = (view) => {
  const out: Signal[] = [];
  for (const t of view.completions) {
    const g = generationAt(view, t.event.generationId, t.at);
    const name = t.event.type === 'complete' ? t.event.properties.name : '';
    const s = emit(view, 'completed', {
      ...(g ? { generationId: g.id } : {}),
      evidence: [t],
      details: { name },
    });
    if (s) out.push(s);
  }
  return out;
};
