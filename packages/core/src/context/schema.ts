import { z } from 'zod';

/** Whether a signal counts for (`positive`) or against (`negative`) the output it is about. */
export const polaritySchema = z.enum(['positive', 'negative']);
export type Polarity = z.infer<typeof polaritySchema>;

/**
 * How strongly one occurrence of a signal moves the evidence: a natural-log likelihood ratio,
 * log P(signal | good output) / P(signal | bad output), given as a magnitude; `polarity` gives
 * its sign. 0.4 is weak, 1 moderate, 2.5 strong (a likelihood ratio of about 12).
 */
const strength = z.number().min(0).max(10);
const seconds = z.number().positive();
const minutes = z.number().positive();
const fraction = z.number().min(0).max(1);

/** What every signal has: whether it is on, which way it points, how strongly. */
const base = { enabled: z.boolean(), polarity: polaritySchema, strength };

const plain = z.strictObject(base);

/** Per-signal configuration. Strict objects: a misspelt threshold is an error, not a silent default. */
export const signalsConfigSchema = z.strictObject({
  immediate_undo: z.strictObject({ ...base, withinSeconds: seconds }),
  rephrase_retry: z.strictObject({
    ...base,
    withinMinutes: minutes,
    /** Rephrase probability (lexical model, 0..1) at or above which a follow-up is a rephrase. */
    threshold: fraction,
    /** Cosine similarity at or above which two embedded messages are a rephrase. */
    embeddingThreshold: z.number().min(-1).max(1),
  }),
  correction_followup: z.strictObject({ ...base, withinMinutes: minutes }),
  builds_on_followup: z.strictObject({ ...base, withinMinutes: minutes }),
  proceeded: z.strictObject({ ...base, withinMinutes: minutes }),
  regenerated: z.strictObject({
    ...base,
    /** Strength multiplier when the output had already been copied, shared or accepted. */
    afterDownstreamFactor: fraction,
  }),
  regeneration_kept: plain,
  accepted: plain,
  edit_none: plain,
  edit_minor: plain,
  edit_major: plain,
  edit_replaced: plain,
  copied: z.strictObject({
    ...base,
    /** A copy of at least this fraction of the output is a copy of the whole. */
    wholeFraction: fraction,
    /** Strength of a partial copy (a snippet). */
    partialStrength: strength,
  }),
  shared: plain,
  exported: plain,
  abandoned: plain,
  back_navigation: z.strictObject({ ...base, withinSeconds: seconds }),
  long_dwell_then_edit: z.strictObject({
    ...base,
    /** Never long below this. */
    minSeconds: seconds,
    /** Reading speed used to expect how long the output takes to read. */
    wordsPerMinute: z.number().positive(),
    /** Long means at least this many times the expected reading time. */
    factor: z.number().min(1),
  }),
  read_depth: z.strictObject({
    ...base,
    /** Read to at least this depth: the configured polarity (reading to the end). */
    fullAbove: fraction,
    /** Stopped reading before this depth: the opposite polarity. */
    shallowBelow: fraction,
    /**
     * Reaching the end counts as reading it only when the output was visible at least as long as
     * skimming it at this speed takes; faster, it was only seen.
     */
    skimWordsPerMinute: z.number().positive().default(700),
  }),
  feedback_up: plain,
  feedback_down: plain,
  completed: plain,
});

export type SignalsConfig = z.infer<typeof signalsConfigSchema>;
export type SignalKind = keyof SignalsConfig;

/**
 * Upper bounds of the edit ratio (changed words / all words of old ∪ new) for each grade; above
 * `major` the output was replaced. An edit rate that is fine for a legal contract is high for an
 * email, so these are set per content type.
 */
export const editThresholdsSchema = z
  .strictObject({
    none: fraction,
    minor: fraction,
    major: fraction,
    /** Fewer than this fraction of the output's words kept: a full overwrite, graded `replaced`. */
    overwriteKeptBelow: fraction,
  })
  .refine((t) => t.none <= t.minor && t.minor <= t.major, {
    message: 'thresholds must be ordered: none <= minor <= major',
  });

export type EditThresholds = z.infer<typeof editThresholdsSchema>;

const name = z.string().min(1).max(256);

export const productContextSchema = z.strictObject({
  /** Your version label for this configuration; recorded on every label with its hash. */
  version: name,
  /** What kind of product this is (`chat`, `code`, `writing`, `support`, or your own). */
  name,
  /** P(good) of an output before any evidence. */
  prior: z.number().gt(0).lt(1),
  session: z.strictObject({
    /** A session with no event for this long is closed. */
    inactivityMinutes: minutes,
    /** Client clocks further than this from the server's receive time are corrected. */
    maxClockSkewSeconds: seconds,
  }),
  signals: signalsConfigSchema,
  edits: z.strictObject({
    default: editThresholdsSchema,
    byContentType: z.record(name, editThresholdsSchema),
    /** Texts longer than this (in tokens) are compared by word counts instead of a diff. */
    maxDiffTokens: z.number().int().positive(),
  }),
  completion: z.strictObject({
    /** `complete` event names that count as a completion; `*` counts any. */
    events: z.array(name),
  }),
  routes: z.strictObject({
    train: z.strictObject({ minConfidence: fraction, allowMixed: z.boolean() }),
    review: z.strictObject({ minConfidence: fraction }),
    /** Evidence is mixed when the weaker side holds at least this share of the total, and at least `minStrength`. */
    mixed: z.strictObject({ minorityShare: fraction, minStrength: strength }),
  }),
});

/** A complete, validated product context: what each behaviour means for one product. */
export type ProductContext = z.infer<typeof productContextSchema>;
