import type { SampleItem } from '../sampling/item.ts';
import { promptText } from './dedupe.ts';
import type { EvalExample } from './types.ts';

/** What the samplers read of an example. */
export function sampleItemOf(ex: EvalExample): SampleItem {
  const prompt = ex.prompt;
  const lastUser =
    typeof prompt === 'string'
      ? prompt
      : (prompt.filter((m) => m.role === 'user').at(-1)?.content ?? promptText(prompt));
  return {
    id: ex.id,
    good: ex.label.good,
    mixed: ex.features.mixed,
    reformulations: ex.features.reformulations,
    promptText: lastUser,
    behaviour: ex.features.behaviour,
    cohorts: ex.features.cohorts,
  };
}
