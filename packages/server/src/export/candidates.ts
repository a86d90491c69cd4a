import type { ProductContext } from '@tacit/core/context';
import {
  dpoRow,
  errorModeOf,
  evalExamples,
  evalRow,
  ktoRow,
  ktoRowsOfExample,
  openAiPreferenceRow,
  pairMetaRow,
  preferencePairs,
  sampleItemOf,
  type EvalExample,
  type LabeledSession,
  type PairDeduper,
  type Row,
} from '@tacit/core/datasets';
import type { SampleItem } from '@tacit/core/sampling';
import type { ExportOptions } from './options.ts';
import type { ExportHooks } from './pipeline.ts';

/** One output unit: the rows it writes (split → row), what the card counts, and how it is sampled. */
export interface Candidate {
  rows: { split: string; row: Row }[];
  info: {
    source?: string;
    label?: string;
    grade?: string | null;
    slices?: string[];
    errorMode?: string;
    at: string;
  };
  item?: SampleItem;
}

/** The eval examples of a closed session (what sampling's first pass reads). */
export function examplesOf(ls: LabeledSession, context: ProductContext): EvalExample[] {
  return ls.labels.session.closed ? evalExamples(ls, context) : [];
}

/** What the pipeline hands the row builders: its filters, weights, dedupe and hooks. */
export interface CandidateContext {
  inWindow(at: string): boolean;
  weight(at: string): number;
  dedupe: PairDeduper;
  sampling: boolean;
  hooks: ExportHooks;
}

/** The rows one labeled session contributes to an export of `o.kind`, filtered, deduplicated and weighted. */
export async function candidatesOf(
  ls: LabeledSession,
  context: ProductContext,
  o: ExportOptions,
  c: CandidateContext,
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  // Pairs (for sampling, and kto's labels) and kto's own rows read the same closed examples.
  let closed: EvalExample[] | undefined;
  const closedExamples = () => (closed ??= examplesOf(ls, context));
  const keepModel = (mv: string | undefined) => !o.modelVersion || mv === o.modelVersion;
  const keepConfidence = (x: number) => o.minConfidence === undefined || x >= o.minConfidence;

  if (o.kind === 'dpo' || o.kind === 'openai-preference' || o.kind === 'kto') {
    const pairs = preferencePairs(ls, context, {
      sources: o.kind === 'kto' ? ['edit'] : ['edit', 'regenerate', 'rephrase'],
      promptPolicy: o.promptPolicy,
      ...(o.minEditRatio !== undefined ? { minEditRatio: o.minEditRatio } : {}),
      includeOpen: o.includeOpen,
    });
    const examples =
      c.sampling || o.kind === 'kto'
        ? new Map(closedExamples().map((e) => [e.provenance.generationId, e]))
        : undefined;
    for (const p of pairs) {
      if (!c.inWindow(p.at) || !keepModel(p.provenance.modelVersion) || !keepConfidence(p.confidence))
        continue;
      if (c.dedupe.isDuplicate(p)) continue;
      const w = c.weight(p.at);
      const ex = examples?.get(p.provenance.rejectedGenerationId);
      const slices = ex?.features.cohorts ?? [];
      const item = ex ? { ...sampleItemOf(ex), id: p.id } : undefined;
      const rows =
        o.kind === 'dpo'
          ? [{ split: 'data', row: dpoRow(p, w) }]
          : o.kind === 'kto'
            ? [
                {
                  split: 'data',
                  row: ktoRow(
                    {
                      id: `${p.id}:chosen`,
                      prompt: p.prompt,
                      completion: p.chosen,
                      label: true,
                      source: p.source,
                      confidence: p.confidence,
                      provenance: p.provenance,
                    },
                    w,
                  ),
                },
              ]
            : [
                { split: 'data', row: openAiPreferenceRow(p) },
                { split: 'meta', row: pairMetaRow(p, w) },
              ];
      out.push({
        rows,
        info: { source: p.source, ...(o.kind === 'kto' ? { label: 'good' } : {}), slices, at: p.at },
        ...(item ? { item } : {}),
      });
    }
    if (o.kind !== 'kto') return out;
  }

  const examples =
    o.kind === 'kto' || o.kind === 'eval' || o.kind === 'regression'
      ? o.includeOpen
        ? evalExamples(ls, context, { includeOpen: true })
        : closedExamples()
      : [];
  for (const ex of examples) {
    if (!c.inWindow(ex.at) || !keepModel(ex.provenance.modelVersion) || !keepConfidence(ex.label.confidence))
      continue;
    if (o.kind === 'regression' && ex.label.good) continue;
    const w = c.weight(ex.at);
    const info = {
      source: 'label',
      label: ex.label.good ? 'good' : 'bad',
      grade: ex.label.grade,
      slices: ex.slices,
      at: ex.at,
    };
    if (o.kind === 'kto') {
      out.push({
        rows: ktoRowsOfExample(ex, w).map((row) => ({ split: 'data', row })),
        info,
        item: sampleItemOf(ex),
      });
      continue;
    }
    if (!ex.label.good) {
      const v = c.hooks.errorModes ? await c.hooks.errorModes.classify(ex) : errorModeOf(ex);
      ex.errorMode = v.mode;
    }
    const row = evalRow(ex, w);
    const rows = [
      { split: 'data', row },
      ...(o.kind === 'regression' && ex.errorMode ? [{ split: ex.errorMode, row }] : []),
    ];
    out.push({
      rows,
      info: { ...info, ...(ex.errorMode ? { errorMode: ex.errorMode } : {}) },
      item: sampleItemOf(ex),
    });
  }
  return out;
}
