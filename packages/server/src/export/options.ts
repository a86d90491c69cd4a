import { EXPORT_KINDS } from '@tacit/core/datasets';
import { STRATEGIES } from '@tacit/core/sampling';
import { z } from 'zod';
import { FORMATS } from './writers/index.ts';

const iso = z.iso.datetime({ offset: true });

/**
 * The options of one export: the same for `tacit export`, `GET /v1/exports/:kind` and
 * `runExport`. Everything that changes the bytes is here (and in the card), nothing else does.
 */
export const exportOptionsSchema = z.object({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(FORMATS).default('jsonl'),
  /** Generations shown at or after this time. */
  since: iso.optional(),
  /** Generations shown before this time; also the recency weights' reference time. */
  until: iso.optional(),
  /** Only rows about generations of this model version. */
  modelVersion: z.string().min(1).max(256).optional(),
  /** Only rows of at least this confidence (label confidence for examples, pair confidence for pairs). */
  minConfidence: z.number().min(0).max(1).optional(),
  /** Sampling strategies (each a slice with its quota); without it, every row. */
  sample: z.array(z.enum(STRATEGIES)).min(1).optional(),
  seed: z.number().int().default(0),
  /** Rows per sampling slice. */
  quota: z.number().int().min(1).max(1_000_000).default(200),
  /** `high_retry`: reformulations on the task. */
  minReformulations: z.number().int().min(1).default(3),
  /** `worst_cohort`: how many cohorts, of at least how many labels. */
  worstCohorts: z.number().int().min(1).max(100).default(3),
  minCohortSize: z.number().int().min(1).default(30),
  /** Recency weight half-life, days. */
  halfLifeDays: z.number().positive().default(30),
  /** Rephrase pairs' prompt. */
  promptPolicy: z.enum(['final_phrasing', 'original']).default('final_phrasing'),
  /** Edit pairs: skip edits at or below this edit ratio (default: the context's `edit_none` threshold). */
  minEditRatio: z.number().min(0).max(1).optional(),
  /** Near-duplicate pairs at or above this similarity collapse. */
  dedupeThreshold: z.number().min(0).max(1).default(0.9),
  /** The model version being trained: anchors written by it are left out (default: `modelVersion`). */
  trainingVersion: z.string().min(1).max(256).optional(),
  allowSameVersionAnchors: z.boolean().default(false),
  /** Include sessions still open at the export's end (their labels may change). */
  includeOpen: z.boolean().default(false),
});

export type ExportOptions = z.infer<typeof exportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;

export type OptionsCheck = { ok: true; value: ExportOptions } | { ok: false; message: string };

/**
 * The options as the schema reads them; problems as one message, each `prefix` + field path
 * (`query.seed: …` for a query string, `options.seed: …` for a request body).
 */
export function parseExportOptions(input: unknown, prefix = ''): OptionsCheck {
  const r = exportOptionsSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    message: r.error.issues.map((i) => `${prefix}${i.path.join('.')}: ${i.message}`).join('; '),
  };
}

/** `parseExportOptions`, and the rules across fields: what an export can run with. */
export function checkExportOptions(input: unknown, prefix = ''): OptionsCheck {
  const r = parseExportOptions(input, prefix);
  if (r.ok && r.value.kind === 'openai-preference' && r.value.format !== 'jsonl')
    return { ok: false, message: `${prefix}format: OpenAI preference fine-tuning reads JSONL only` };
  return r;
}
