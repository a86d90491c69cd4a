import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { editStatsSchema, similaritySketchSchema } from './sketch.ts';

const name = z.string().min(1).max(LIMITS.name);
const text = z.string().max(LIMITS.text);
const count = z.number().int().min(0);
const fraction = z.number().min(0).max(1);

/** One chat message of a prompt. */
export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: text,
});

/** A model output shown to a user: the unit that gets labeled. */
export const generationPropertiesSchema = z.looseObject({
  /** The prompt, as text or as chat messages. */
  prompt: z.union([text, z.array(chatMessageSchema).min(1).max(LIMITS.messages)]),
  output: text,
  model: name,
  modelVersion: name.optional(),
  promptVersion: name.optional(),
  /** The generation this one regenerates. */
  parentId: z.string().min(1).max(LIMITS.id).optional(),
  /** The user message (event id) this generation answers. */
  messageId: z.string().min(1).max(LIMITS.id).optional(),
  latencyMs: z.number().min(0).optional(),
  usage: z
    .looseObject({
      inputTokens: count.optional(),
      outputTokens: count.optional(),
      totalTokens: count.optional(),
    })
    .optional(),
  contentType: name.optional(),
});

/** A user turn. `text`, or in privacy mode a `sketch` of it; one of them is required. */
export const messagePropertiesSchema = z
  .looseObject({
    text: text.optional(),
    sketch: similaritySketchSchema.optional(),
  })
  .refine((p) => p.text !== undefined || p.sketch !== undefined, {
    message: 'a message needs text or, in privacy mode, a sketch',
  });

/** The user accepted (inserted, applied) the output. */
export const acceptPropertiesSchema = z.looseObject({
  /** How: `insert`, `apply`, `send`, `click`, … */
  via: name.optional(),
});

/** The user's text after editing the output. `text`, or in privacy mode `stats`; one is required. */
export const editPropertiesSchema = z
  .looseObject({
    text: text.optional(),
    stats: editStatsSchema.optional(),
  })
  .refine((p) => p.text !== undefined || p.stats !== undefined, {
    message: 'an edit needs the edited text or, in privacy mode, its stats',
  });

export const undoPropertiesSchema = z.looseObject({
  /** What triggered it: `keyboard`, `historyUndo`, `button`, `api`. */
  via: name.optional(),
});

export const regeneratePropertiesSchema = z.looseObject({
  /** The generation that replaced this one, when known at the time. */
  newGenerationId: z.string().min(1).max(LIMITS.id).optional(),
});

export const copyPropertiesSchema = z.looseObject({
  /** Characters copied. */
  chars: count,
  /** Fraction of the output copied, 0..1. */
  fraction: fraction.optional(),
  text: text.optional(),
});

export const sharePropertiesSchema = z.looseObject({ channel: name.optional() });

export const exportPropertiesSchema = z.looseObject({
  format: name.optional(),
  destination: name.optional(),
});

export const viewPropertiesSchema = z.looseObject({
  /** How long the output was visible, in milliseconds. */
  visibleMs: z.number().min(0),
  /** How far the user read, 0..1 (the furthest fraction of the output scrolled into view). */
  readDepth: fraction.optional(),
});

export const navigatePropertiesSchema = z.looseObject({
  direction: z.enum(['away', 'back', 'deeper']),
  url: z.string().max(4096).optional(),
});

/** Explicit feedback: a thumb, a score, a comment; at least one. */
export const feedbackPropertiesSchema = z
  .looseObject({
    thumb: z.enum(['up', 'down']).optional(),
    score: z.number().finite().optional(),
    /** The scale of `score`, e.g. {min: 1, max: 5}. */
    scale: z.object({ min: z.number().finite(), max: z.number().finite() }).optional(),
    comment: z
      .string()
      .max(64 * 1024)
      .optional(),
  })
  .refine((p) => p.thumb !== undefined || p.score !== undefined || p.comment !== undefined, {
    message: 'feedback needs a thumb, a score or a comment',
  });

/** A product-defined completion: ticket resolved, tests passed, document published. */
export const completePropertiesSchema = z.looseObject({
  name,
  value: z.number().finite().optional(),
});

export const sessionEndPropertiesSchema = z.looseObject({
  /** `closed`, `logout`, `timeout`, `pagehide`, … */
  reason: name.optional(),
});

export const customPropertiesSchema = z.looseObject({
  name,
  properties: z
    .record(z.string().max(LIMITS.name), z.unknown())
    .refine((m) => Object.keys(m).length <= LIMITS.mapEntries, {
      message: `at most ${LIMITS.mapEntries} custom properties`,
    })
    .optional(),
});
