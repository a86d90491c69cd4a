import { findNul, formatPath } from '../schema/validate.ts';
import { z } from 'zod';
import { chatMessageSchema } from '../schema/properties.ts';
import { priority } from '../sampling/hash.ts';
import { ktoRow, type PairLike, type Row } from './rows.ts';
import type { Prompt } from './types.ts';

const text = z.string().min(1).max(1_000_000);
const promptSchema = z.union([text, z.array(chatMessageSchema).min(1)]);
const labelSchema = z.union([
  z.boolean(),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
  z
    .enum(['good', 'bad', 'true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => ['good', 'true', '1', 'yes'].includes(v)),
]);

/**
 * One human-labeled anchor as imported (JSONL line or CSV record): a labeled example
 * (`prompt`, `response`, `label`) or a preference (`prompt`, `chosen`, `rejected`), or both.
 * `modelVersion` is the model that wrote the response(s): anchors never come from the version
 * being trained unless allowed.
 */
export const anchorInputSchema = z
  .object({
    id: z.string().min(1).max(256).optional(),
    prompt: promptSchema,
    response: text.optional(),
    completion: text.optional(),
    label: labelSchema.optional(),
    grade: z.string().min(1).max(64).optional(),
    chosen: text.optional(),
    rejected: text.optional(),
    modelVersion: z.string().min(1).max(256).optional(),
    model_version: z.string().min(1).max(256).optional(),
    labeler: z.string().min(1).max(256).optional(),
    note: z.string().max(10_000).optional(),
  })
  .refine(
    (a) =>
      ((a.response ?? a.completion) !== undefined && a.label !== undefined) ||
      (a.chosen !== undefined && a.rejected !== undefined),
    {
      message: 'an anchor needs response + label, or chosen + rejected',
    },
  );

/** A stored anchor. */
export interface Anchor {
  id: string;
  prompt: Prompt;
  response?: string;
  label?: boolean;
  grade?: string;
  chosen?: string;
  rejected?: string;
  modelVersion?: string;
  labeler?: string;
  note?: string;
}

/**
 * Validates one imported record (a parsed JSONL line, or a CSV record whose `prompt` may be a JSON
 * array of messages) into an anchor; the id defaults to a hash of its content, so importing the
 * same file twice stores each anchor once.
 */
export function parseAnchor(input: unknown): { ok: true; value: Anchor } | { ok: false; error: string } {
  const raw = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : input;
  if (raw !== null && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r)) if (r[k] === '') delete r[k];
    if (typeof r.prompt === 'string' && r.prompt.trimStart().startsWith('[{')) {
      try {
        r.prompt = JSON.parse(r.prompt);
      } catch {
        // a text prompt that happens to start like JSON
      }
    }
  }
  const p = anchorInputSchema.safeParse(raw);
  if (!p.success)
    return {
      ok: false,
      error: p.error.issues.map((i) => `${i.path.join('.') || '(anchor)'}: ${i.message}`).join('; '),
    };
  const a = p.data;
  const nul = findNul(a);
  if (nul !== undefined)
    return { ok: false, error: `${formatPath(nul)}: contains a NUL character, which text cannot hold` };
  const response = a.response ?? a.completion;
  const modelVersion = a.modelVersion ?? a.model_version;
  const body = { prompt: a.prompt, response, label: a.label, chosen: a.chosen, rejected: a.rejected };
  const id = a.id ?? `anchor-${Math.floor(priority(0x4a, JSON.stringify(body)) * 2 ** 53).toString(36)}`;
  return {
    ok: true,
    value: {
      id,
      prompt: a.prompt,
      ...(response !== undefined ? { response } : {}),
      ...(a.label !== undefined ? { label: a.label } : {}),
      ...(a.grade !== undefined ? { grade: a.grade } : {}),
      ...(a.chosen !== undefined ? { chosen: a.chosen } : {}),
      ...(a.rejected !== undefined ? { rejected: a.rejected } : {}),
      ...(modelVersion !== undefined ? { modelVersion } : {}),
      ...(a.labeler !== undefined ? { labeler: a.labeler } : {}),
      ...(a.note !== undefined ? { note: a.note } : {}),
    },
  };
}

/** An anchor's preference as a pair (source `anchor`, confidence 1), for DPO and OpenAI exports. */
export function anchorPair(a: Anchor): PairLike | undefined {
  if (a.chosen === undefined || a.rejected === undefined) return undefined;
  return {
    id: a.id,
    source: 'anchor',
    prompt: a.prompt,
    chosen: a.chosen,
    rejected: a.rejected,
    confidence: 1,
    provenance: { anchor: a.id, ...(a.modelVersion !== undefined ? { modelVersion: a.modelVersion } : {}) },
  };
}

/** An anchor's KTO rows: its labeled response, and its preference's two sides. */
export function anchorKtoRows(a: Anchor): Row[] {
  const prov = { anchor: a.id, ...(a.modelVersion !== undefined ? { modelVersion: a.modelVersion } : {}) };
  const rows: Row[] = [];
  const base = { prompt: a.prompt, source: 'anchor', confidence: 1, provenance: prov };
  if (a.response !== undefined && a.label !== undefined)
    rows.push(ktoRow({ ...base, id: a.id, completion: a.response, label: a.label }, 1));
  if (a.chosen !== undefined)
    rows.push(ktoRow({ ...base, id: `${a.id}:chosen`, completion: a.chosen, label: true }, 1));
  if (a.rejected !== undefined)
    rows.push(ktoRow({ ...base, id: `${a.id}:rejected`, completion: a.rejected, label: false }, 1));
  return rows;
}
