import { CONTENT_TYPES, type ContentType, type SimulatorConfig } from './config.ts';
import { IdFactory } from './ids.ts';
import { degradeStarts } from './quality.ts';
import type { Rng } from './random.ts';
import { UserFactory } from './users.ts';

/** What every session of one simulation shares, computed once from the configuration. */
export class World {
  readonly ids: IdFactory;
  readonly users: UserFactory;
  readonly startMs: number;
  readonly degradeFrom: Map<string, number>;
  private readonly modelWeights: number[];
  private readonly promptWeights: number[];
  private readonly modelCumulative: number[];
  private readonly promptCumulative: number[];

  constructor(
    readonly cfg: SimulatorConfig,
    /** Number of distinct users sessions are drawn from. */
    readonly userCount: number,
  ) {
    this.ids = new IdFactory(cfg.seed);
    this.startMs = Date.parse(cfg.start);
    this.users = new UserFactory(cfg, this.ids, this.startMs);
    this.degradeFrom = degradeStarts(cfg.models);
    this.modelWeights = cfg.models.map((m) => m.weight);
    this.promptWeights = cfg.prompts.map((p) => p.weight);
    this.modelCumulative = cumulative(this.modelWeights);
    this.promptCumulative = cumulative(this.promptWeights);
  }

  /** A user number: a few heavy users and a long tail (power law over the user pool). */
  drawUser(rng: Rng): number {
    return Math.min(this.userCount - 1, Math.floor(this.userCount * rng.float() ** 1.6));
  }

  /** Model and prompt version indexes for a session (per session, or sticky per user). */
  assign(rng: Rng, userVariant: number): { model: number; prompt: number } {
    if (this.cfg.assignment === 'user') {
      // A second, independent-looking uniform from the same draw for the prompt version.
      return {
        model: at(this.modelCumulative, userVariant),
        prompt: at(this.promptCumulative, (userVariant * 7919) % 1),
      };
    }
    return { model: rng.weighted(this.modelWeights), prompt: rng.weighted(this.promptWeights) };
  }

  productOf(userProduct: ContentType): ContentType {
    return this.cfg.product === 'mixed' ? userProduct : this.cfg.product;
  }
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function at(cum: readonly number[], u: number): number {
  const i = cum.findIndex((c) => u < c);
  return i < 0 ? cum.length - 1 : i;
}

export { CONTENT_TYPES };
