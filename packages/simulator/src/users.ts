import type { ContentType, SimulatorConfig } from './config.ts';
import { CONTENT_TYPES } from './config.ts';
import type { IdFactory } from './ids.ts';
import { Rng } from './random.ts';

/** A simulated user: cohort attributes and habits, fixed for all their sessions. */
export interface SimUser {
  index: number;
  id: string;
  product: ContentType;
  plan: string;
  locale: string;
  appVersion: string;
  /** Logit shift of how kindly they judge answers. */
  leniency: number;
  /** Retries before giving up on a task. */
  patience: number;
  /** Customises even good output. */
  editor: boolean;
  feedbackGiver: boolean;
  casual: boolean;
  /** Multiplier on copy, share and export. */
  downstream: number;
  /** Multipliers on the retry reactions: how this user prefers to retry. */
  regenerateBias: number;
  rephraseBias: number;
  /** Reading speed, words per minute. */
  wpm: number;
  /** Client clock error in milliseconds. */
  skewMs: number;
  /** A uniform draw in [0, 1) that assigns the user's variant when assignment is per user. */
  variant: number;
}

const USER_STREAM = 0x05e7;

/** Keys and weights of a `{key: weight}` map, for weighted draws. */
export class Weighted {
  readonly keys: readonly string[];
  readonly weights: readonly number[];
  constructor(map: Record<string, number>) {
    this.keys = Object.keys(map);
    this.weights = this.keys.map((k) => map[k] as number);
  }
  draw(rng: Rng): string {
    return this.keys[rng.weighted(this.weights)] as string;
  }
}

/** Derives user number `index` from the seed alone, so no user table is kept in memory. */
export class UserFactory {
  private readonly plans: Weighted;
  private readonly locales: Weighted;
  private readonly appVersions: Weighted;
  private readonly products: readonly number[];

  constructor(
    private readonly cfg: SimulatorConfig,
    private readonly ids: IdFactory,
    private readonly startMs: number,
  ) {
    this.plans = new Weighted(cfg.users.plans);
    this.locales = new Weighted(cfg.users.locales);
    this.appVersions = new Weighted(cfg.users.appVersions);
    this.products = CONTENT_TYPES.map((t) => cfg.products[t].mix);
  }

  user(index: number): SimUser {
    const u = this.cfg.users;
    const noise = this.cfg.noise;
    const rng = Rng.derive(this.cfg.seed, USER_STREAM, index);
    const product =
      this.cfg.product === 'mixed'
        ? (CONTENT_TYPES[rng.weighted(this.products)] as ContentType)
        : this.cfg.product;
    const skewed = rng.chance(noise.clockSkewShare);
    let skewMs = 0;
    if (skewed) {
      const minutes = noise.clockSkewMaxMinutes;
      // Half are whole-hour errors (a wrong time zone), half drift by seconds to minutes.
      skewMs = rng.chance(0.5)
        ? rng.int(1, Math.max(1, Math.floor(minutes / 60))) * 3_600_000
        : Math.round(rng.between(5_000, Math.max(5_000, minutes * 60_000)));
      if (rng.chance(0.5)) skewMs = -skewMs;
    }
    return {
      index,
      id: this.ids.make('user', this.startMs, index, 0),
      product,
      plan: this.plans.draw(rng),
      locale: this.locales.draw(rng),
      appVersion: this.appVersions.draw(rng),
      leniency: rng.normal() * u.leniencySd,
      patience: rng.poisson(u.patienceMean),
      editor: rng.chance(u.editorShare),
      feedbackGiver: rng.chance(u.feedbackGiverShare),
      casual: rng.chance(u.casualShare),
      downstream: rng.lognormal(1, 0.35),
      regenerateBias: rng.lognormal(1, 0.5),
      rephraseBias: rng.lognormal(1, 0.5),
      wpm: rng.between(180, 320),
      skewMs,
      variant: rng.float(),
    };
  }
}
