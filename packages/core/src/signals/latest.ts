import type { GenerationView, SessionView } from './view.ts';

/** The generation an event is about: its own `generationId`, or the latest shown at or before `at`. */
export function generationAt(
  view: SessionView,
  generationId: string | undefined,
  at: number,
): GenerationView | undefined {
  if (generationId !== undefined) return view.generations.get(generationId);
  let found: GenerationView | undefined;
  for (const g of view.ordered) {
    if (g.at > at) break;
    found = g;
  }
  return found;
}
