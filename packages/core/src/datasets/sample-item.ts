import type { SampleItem } from '../sampling/item.ts';
import { lastUserText } from './dedupe.ts';
import type { EvalExample } from './types.ts';

/** What the samplers read of an example. */
export function sampleItemOf(ex: EvalExample): SampleItem {
  return {
    id: ex.id,
    good: ex.label.good,
    mixed: ex.features.mixed,
    reformulations: ex.features.reformulations,
    promptText: lastUserText(ex.prompt),
    behaviour: ex.features.behaviour,
    cohorts: ex.features.cohorts,
  };
}
