import type { ContentType, ModelConfig, PromptConfig } from './config.ts';

const EPS = 0.01;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

/** The degradation start of each model version, as epoch milliseconds. */
export function degradeStarts(models: readonly ModelConfig[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of models) if (m.degrade !== undefined) out.set(m.version, Date.parse(m.degrade.from));
  return out;
}

/**
 * The logit of a version's base quality for a content type at time `ms`: the model's quality,
 * shifted by the prompt version, lowered by a regression once it has started.
 */
export function baseLogit(
  model: ModelConfig,
  prompt: PromptConfig,
  type: ContentType,
  ms: number,
  degradeFrom: number | undefined,
): { logit: number; degraded: boolean } {
  let base = model.quality[type] + prompt.shift[type];
  const degraded = degradeFrom !== undefined && ms >= degradeFrom;
  if (degraded && model.degrade !== undefined) base -= model.degrade.drop;
  return { logit: logit(base), degraded };
}
