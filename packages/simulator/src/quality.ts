import type { ContentType, ModelConfig, PromptConfig } from './config.ts';
import { hashInts } from './random.ts';

const EPS = 0.01;

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A model's fixed strength or weakness on one task family: roughly normal with standard
 * deviation `sd`, derived from the model's name and quality profile (not its version name), so
 * that the two versions of an A/A split are truly identical.
 */
export function familyEffect(model: ModelConfig, type: ContentType, family: string, sd: number): number {
  if (sd === 0) return 0;
  const q = model.quality;
  const h = hashString(`${model.model}|${q.chat}|${q.code}|${q.writing}|${q.support}|${type}|${family}`);
  let sum = 0;
  for (let i = 0; i < 3; i++) sum += hashInts(h, i) / 4294967296;
  // The sum of three uniforms has variance 1/4: scale to standard deviation `sd`.
  return (sum - 1.5) * 2 * sd;
}

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
