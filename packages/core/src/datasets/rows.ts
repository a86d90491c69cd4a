import type { ChatMessage } from '../schema/event.ts';
import type { OpenAiPreferenceRow } from './consumer-schemas.ts';
import type { EvalExample, PreferencePair, Prompt } from './types.ts';

/** What `tacit export` writes. */
export const EXPORT_KINDS = ['dpo', 'kto', 'openai-preference', 'eval', 'regression'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
/** The exports a model is trained on: they carry the anchor split and warn without one. */
export const TRAINING_KINDS: readonly ExportKind[] = ['dpo', 'kto', 'openai-preference'];

export function isExportKind(s: string): s is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(s);
}

export type Row = Record<string, unknown>;

/** What a pair row needs: a preference pair, or an anchor's preference. */
export type PairLike = Pick<PreferencePair, 'id' | 'prompt' | 'chosen' | 'rejected' | 'confidence'> & {
  source: string;
  provenance: unknown;
};

const assistant = (content: string) => [{ role: 'assistant' as const, content }];
const asMessages = (p: Prompt): ChatMessage[] => (typeof p === 'string' ? [{ role: 'user', content: p }] : p);

/**
 * A TRL DPO row: `prompt`, `chosen`, `rejected` — conversational (messages, one assistant turn
 * each side) when the prompt is chat messages, standard strings otherwise — plus Tacit's columns
 * (`id`, `source`, `confidence`, `weight`, and `provenance` as JSON text, so that Arrow-based
 * loaders see one column type).
 */
export function dpoRow(pair: PairLike, weight: number): Row {
  const chat = typeof pair.prompt !== 'string';
  return {
    prompt: pair.prompt,
    chosen: chat ? assistant(pair.chosen) : pair.chosen,
    rejected: chat ? assistant(pair.rejected) : pair.rejected,
    id: pair.id,
    source: pair.source,
    confidence: pair.confidence,
    weight,
    provenance: JSON.stringify(pair.provenance),
  };
}

/** A TRL KTO row (unpaired preference): `prompt`, `completion`, `label` (desirable or not). */
export function ktoRow(
  r: {
    id: string;
    prompt: Prompt;
    completion: string;
    label: boolean;
    source: string;
    confidence: number;
    provenance: unknown;
  },
  weight: number,
): Row {
  const chat = typeof r.prompt !== 'string';
  return {
    prompt: r.prompt,
    completion: chat ? assistant(r.completion) : r.completion,
    label: r.label,
    id: r.id,
    source: r.source,
    confidence: r.confidence,
    weight,
    provenance: JSON.stringify(r.provenance),
  };
}

/** The KTO rows of an example: the response with its binary label, answering the prompt the model saw. */
export function ktoRowsOfExample(ex: EvalExample, weight: number): Row[] {
  return [
    ktoRow(
      {
        id: ex.id,
        prompt: ex.originalPrompt ?? ex.prompt,
        completion: ex.response,
        label: ex.label.good,
        source: 'label',
        confidence: ex.label.confidence,
        provenance: ex.provenance,
      },
      weight,
    ),
  ];
}

/** An OpenAI preference fine-tuning row: only the documented keys (its validator is strict). */
export function openAiPreferenceRow(
  pair: Pick<PairLike, 'prompt' | 'chosen' | 'rejected'>,
): OpenAiPreferenceRow {
  return {
    input: { messages: asMessages(pair.prompt) },
    preferred_output: assistant(pair.chosen),
    non_preferred_output: assistant(pair.rejected),
  };
}

/** What an OpenAI row cannot carry, in the sidecar file, line for line. */
export function pairMetaRow(pair: PairLike, weight: number): Row {
  return {
    id: pair.id,
    source: pair.source,
    confidence: pair.confidence,
    weight,
    provenance: pair.provenance,
  };
}

/** An eval (or regression) row: nested values kept as JSON values; `flatRow` encodes them for CSV and Parquet. */
export function evalRow(ex: EvalExample, weight: number): Row {
  const p = ex.provenance;
  return {
    id: ex.id,
    prompt: ex.prompt,
    response: ex.response,
    good: ex.label.good,
    p_good: ex.label.pGood,
    grade: ex.label.grade,
    confidence: ex.label.confidence,
    route: ex.label.route,
    mixed: ex.label.mixed,
    error_mode: ex.errorMode ?? null,
    reference: ex.reference ?? null,
    reference_source: ex.referenceSource ?? null,
    slices: ex.slices,
    weight,
    at: ex.at,
    prompt_policy: ex.promptPolicy,
    session_id: p.sessionId,
    generation_id: p.generationId,
    model: p.model ?? null,
    model_version: p.modelVersion ?? null,
    prompt_version: p.promptVersion ?? null,
    content_type: p.contentType ?? null,
    context_hash: p.contextHash,
    provenance: p,
  };
}

export type ColumnType = 'STRING' | 'DOUBLE' | 'BOOLEAN';

export interface Column {
  name: string;
  type: ColumnType;
}

const str = (...names: string[]): Column[] => names.map((name) => ({ name, type: 'STRING' }));
const dbl = (...names: string[]): Column[] => names.map((name) => ({ name, type: 'DOUBLE' }));
const bool = (...names: string[]): Column[] => names.map((name) => ({ name, type: 'BOOLEAN' }));

const EVAL_COLUMNS: Column[] = [
  ...str('id', 'prompt', 'response'),
  ...bool('good'),
  ...dbl('p_good'),
  ...str('grade'),
  ...dbl('confidence'),
  ...str('route'),
  ...bool('mixed'),
  ...str('error_mode', 'reference', 'reference_source', 'slices'),
  ...dbl('weight'),
  ...str('at', 'prompt_policy', 'session_id', 'generation_id', 'model', 'model_version'),
  ...str('prompt_version', 'content_type', 'context_hash', 'provenance'),
];

/** The columns of each kind in CSV and Parquet, in order, with their Parquet types. */
export const COLUMNS: Record<ExportKind, readonly Column[]> = {
  dpo: [
    ...str('id', 'prompt', 'chosen', 'rejected', 'source'),
    ...dbl('confidence', 'weight'),
    ...str('provenance'),
  ],
  kto: [
    ...str('id', 'prompt', 'completion'),
    ...bool('label'),
    ...str('source'),
    ...dbl('confidence', 'weight'),
    ...str('provenance'),
  ],
  'openai-preference': str('input', 'preferred_output', 'non_preferred_output'),
  eval: EVAL_COLUMNS,
  regression: EVAL_COLUMNS,
};

/**
 * A row for a flat format (CSV, Parquet): strings, numbers and booleans as they are, null for
 * missing, and any nested value (chat messages, slices, provenance) as JSON text.
 */
export function flatRow(
  row: Row,
  columns: readonly { name: string }[],
): (string | number | boolean | null)[] {
  return columns.map(({ name }) => {
    const v = row[name];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return JSON.stringify(v);
  });
}
