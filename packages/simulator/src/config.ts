import { fieldErrors, type FieldError, type Validation } from '@tacit/core';
import { z } from 'zod';
import {
  PRODUCT_DEFAULTS,
  DEFAULT_MODELS,
  DEFAULT_PROMPTS,
  type ProductDefaults,
  type Satisfied,
  type Unsatisfied,
} from './defaults.ts';
import { errorText } from '@tacit/core';

export const CONTENT_TYPES = ['chat', 'code', 'writing', 'support'] as const;
/** The product types the simulator knows; each event's `context.contentType` is one of them. */
export type ContentType = (typeof CONTENT_TYPES)[number];

const unit = z.number().min(0).max(1);
const weight = z.number().min(0);
const weights = (d: Record<string, number>) => z.record(z.string().min(1), weight).default(d);

/** One number per content type, each with its default. */
function perType(d: Record<ContentType, number>, schema: z.ZodNumber = unit) {
  return z
    .object({
      chat: schema.default(d.chat),
      code: schema.default(d.code),
      writing: schema.default(d.writing),
      support: schema.default(d.support),
    })
    .prefault({});
}

const modelSchema = z.object({
  /** Model name, as sent in `generation.properties.model`. */
  model: z.string().min(1),
  /** Unique version name (`generation.properties.modelVersion`). */
  version: z.string().min(1),
  /** Share of sessions served by this version (relative weight). */
  weight: weight.default(1),
  /** Hidden base quality per content type: the mean chance that an answer is good, before noise. */
  quality: perType({ chat: 0.75, code: 0.7, writing: 0.75, support: 0.72 }),
  /** A regression: from `from` on, this version's base quality drops by `drop`. */
  degrade: z.object({ from: z.iso.datetime({ offset: true }), drop: unit.default(0.15) }).optional(),
  /** Median latency in milliseconds. */
  latencyMs: z.number().positive().default(1800),
});

const promptSchema = z.object({
  version: z.string().min(1),
  weight: weight.default(1),
  /** Added to the model's base quality per content type (may be negative). */
  shift: perType({ chat: 0, code: 0, writing: 0, support: 0 }, z.number().min(-1).max(1)),
});

/** What satisfied users do (each an independent probability, scaled by the user's habits). */
function satisfiedSchema(d: Satisfied) {
  return z
    .object({
      /** Accept / insert / apply the output. */
      accept: unit.default(d.accept),
      /** Copy all or part of it. */
      copy: unit.default(d.copy),
      share: unit.default(d.share),
      export: unit.default(d.export),
      /** Open a link of the output (`navigate deeper`) and stay there. */
      deeper: unit.default(d.deeper),
      /** Editors customise good output with small edits (noise for edit-based labels). */
      customise: unit.default(d.customise),
      /** Ask a follow-up that builds on the answer ("now make it shorter"). */
      buildsOn: unit.default(d.buildsOn),
    })
    .prefault({});
}
/** What dissatisfied users do: one reaction, drawn with these relative weights. */
function unsatisfiedSchema(d: Unsatisfied) {
  return z
    .object({
      regenerate: weight.default(d.regenerate),
      rephrase: weight.default(d.rephrase),
      /** "No, I meant …" */
      correction: weight.default(d.correction),
      /** Accept, then undo seconds later. */
      undo: weight.default(d.undo),
      /** Accept, then rewrite a large part of it. */
      majorEdit: weight.default(d.majorEdit),
      /** Replace it with their own text. */
      overwrite: weight.default(d.overwrite),
      /** Open the result's link and come straight back. */
      backNavigation: weight.default(d.backNavigation),
      /** Ask for a human (support): a `custom` event `escalated_to_human`. */
      escalate: weight.default(d.escalate),
      /** Give up on the task. */
      abandon: weight.default(d.abandon),
      /** Move on silently (invisible dissatisfaction). */
      ignore: weight.default(d.ignore),
    })
    .prefault({});
}
function productSchema(d: ProductDefaults) {
  return z
    .object({
      /** Share of users of this product when `product` is `mixed` (relative weight). */
      mix: weight.default(d.mix),
      /** Mean number of tasks per session (1 + Poisson). */
      tasksMean: z.number().min(1).max(50).default(d.tasksMean),
      /** Most follow-ups that build on an answer, per task. */
      maxFollowUps: z.number().int().min(0).max(10).default(d.maxFollowUps),
      /** The product-defined completion event sent when a task succeeds, and how often. */
      completion: z
        .object({ name: z.string().min(1).default(d.completion.name), rate: unit.default(d.completion.rate) })
        .prefault({}),
      satisfied: satisfiedSchema(d.satisfied),
      unsatisfied: unsatisfiedSchema(d.unsatisfied),
    })
    .prefault({});
}

/**
 * Every behaviour parameter of the simulator, with its default. A JSON config file holds any
 * subset of it (objects merge field by field; arrays such as `models` replace the default).
 */
export const simulatorConfigSchema = z
  .object({
    /** Same seed and config → byte-identical output. */
    seed: z.number().int().default(1),
    /** First session start (ISO 8601). Fixed by default so that output never depends on the clock. */
    start: z.iso.datetime({ offset: true }).default('2026-05-01T00:00:00.000Z'),
    /** Span over which sessions arrive. */
    days: z.number().positive().max(3650).default(30),
    /** Number of sessions to simulate (default 1000 unless `events` is set). */
    sessions: z.number().int().positive().optional(),
    /** Approximate number of events to simulate instead (stops starting sessions once reached). */
    events: z.number().int().positive().optional(),
    /** The product type, or `mixed`: each user uses one product, drawn by `products.*.mix`. */
    product: z.enum(['chat', 'code', 'writing', 'support', 'mixed']).default('mixed'),
    /** `context.app` of every event. */
    app: z.string().min(1).default('acme-assistant'),
    /** Daily and weekly rhythm of arrivals (quiet nights, quieter weekends). */
    diurnal: z.boolean().default(true),
    /** Which unit is assigned a model and prompt version: each session, or each user (sticky). */
    assignment: z.enum(['session', 'user']).default('session'),
    models: z
      .array(modelSchema)
      .min(1)
      .prefault(DEFAULT_MODELS)
      .refine((ms) => new Set(ms.map((m) => m.version)).size === ms.length, {
        message: 'model versions must be unique',
      }),
    prompts: z.array(promptSchema).min(1).prefault(DEFAULT_PROMPTS),
    users: z
      .object({
        /** Distinct users; default: sessions / sessionsPerUser. */
        count: z.number().int().positive().optional(),
        sessionsPerUser: z.number().positive().default(5),
        plans: weights({ free: 0.62, pro: 0.28, team: 0.08, enterprise: 0.02 }),
        locales: weights({
          'en-US': 0.45,
          'en-GB': 0.12,
          'de-DE': 0.1,
          'fr-FR': 0.08,
          'es-ES': 0.07,
          'pt-BR': 0.06,
          'ja-JP': 0.05,
          'hi-IN': 0.04,
          'nl-NL': 0.03,
        }),
        appVersions: weights({ '3.1.0': 0.2, '3.2.0': 0.5, '3.3.0': 0.3 }),
        /** Users who customise even good output. */
        editorShare: unit.default(0.25),
        /** Users who ever give explicit feedback. */
        feedbackGiverShare: unit.default(0.15),
        /** Users who type in lower case without punctuation. */
        casualShare: unit.default(0.3),
        /** Mean retries a user makes before giving up on a task. */
        patienceMean: z.number().min(0).default(2),
        /** Spread of users' leniency (logit scale): how kindly they judge the same answer. */
        leniencySd: z.number().min(0).default(0.3),
      })
      .prefault({}),
    quality: z
      .object({
        /** Spread of task difficulty (logit scale): hard tasks stay hard across retries. */
        taskSd: z.number().min(0).default(0.9),
        /**
         * Spread of a model's quality across task families (logit scale): each model is better at
         * some kinds of task than others. Two models with the same name and quality share it.
         */
        familySd: z.number().min(0).default(0.3),
        /** Spread of one generation around its task (logit scale). */
        generationSd: z.number().min(0).default(0.7),
        /** `good` is `quality >= goodThreshold`. */
        goodThreshold: unit.default(0.5),
        /** How sharply users tell good from bad: P(satisfied) = σ(sharpness·(quality − threshold) + leniency). */
        perceptionSharpness: z.number().min(0).default(30),
      })
      .prefault({}),
    feedback: z
      .object({
        /** Target share of generations with explicit feedback (thumbs), ~2%. */
        rate: unit.default(0.02),
        /** How much more likely feedback gets as opinions get stronger (exponent on |2q − 1|). */
        strongOpinion: z.number().min(0).default(2),
        /** How much likelier dissatisfied users are to give feedback than satisfied ones. */
        negativeBoost: z.number().min(0).default(1.6),
        /** Share of feedback with a 1–5 score, and with a comment. */
        scoreShare: unit.default(0.3),
        commentShare: unit.default(0.15),
      })
      .prefault({}),
    noise: z
      .object({
        /** Satisfied users who retry anyway (changed their mind). Per generation. */
        changeOfMind: unit.default(0.04),
        /** Sessions cut off after a generation for reasons unrelated to it. Per generation. */
        interruption: unit.default(0.03),
        /** Switching tabs (navigate away, back minutes later). Per task. */
        tabAway: unit.default(0.06),
        /** Events delivered twice (same id). */
        duplicate: unit.default(0.004),
        /** Events delivered late (after later events), `lateMinutes` apart. */
        late: unit.default(0.004),
        lateMinutes: z.tuple([z.number().min(0), z.number().min(0)]).default([2, 60]),
        /** Users whose client clock is off, by up to `clockSkewMaxMinutes`. */
        clockSkewShare: unit.default(0.03),
        clockSkewMaxMinutes: z.number().min(0).default(180),
        /** Sessions whose `session_end` is never sent (tab closed, beacon lost). */
        sessionEndLost: unit.default(0.3),
        /** Generations without a `view` event (not instrumented, scrolled past). */
        viewLost: unit.default(0.1),
      })
      .prefault({}),
    products: z
      .object({
        chat: productSchema(PRODUCT_DEFAULTS.chat),
        code: productSchema(PRODUCT_DEFAULTS.code),
        writing: productSchema(PRODUCT_DEFAULTS.writing),
        support: productSchema(PRODUCT_DEFAULTS.support),
      })
      .prefault({}),
  })
  .refine((c) => c.sessions === undefined || c.events === undefined, {
    message: 'set sessions or events, not both',
    path: ['events'],
  });

/** The resolved configuration (every default filled in). */
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;
/** What callers pass: any subset of the configuration. */
export type SimulatorOptions = z.input<typeof simulatorConfigSchema>;
export type ModelConfig = SimulatorConfig['models'][number];
export type PromptConfig = SimulatorConfig['prompts'][number];
export type ProductConfig = SimulatorConfig['products'][ContentType];

/** Validates a configuration; errors name the field (`models[1].quality.chat: …`). */
export function parseSimulatorConfig(input: unknown): Validation<SimulatorConfig> {
  const r = simulatorConfigSchema.safeParse(input ?? {});
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: fieldErrors(r.error, input) };
}

/** Thrown by `simulate` when given an invalid configuration. */
export class SimulatorConfigError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(`invalid simulator config: ${errorText(errors)}`);
    this.name = 'SimulatorConfigError';
    this.errors = errors;
  }
}

/** The configuration, validated; throws `SimulatorConfigError` naming the bad fields. */
export function resolveConfig(input: SimulatorOptions | SimulatorConfig = {}): SimulatorConfig {
  const r = parseSimulatorConfig(input);
  if (!r.ok) throw new SimulatorConfigError(r.errors);
  return r.value;
}
