import { contextHash, type ProductContext } from '@tacit/core/context';
import {
  anchorKtoRows,
  anchorPair,
  CardCounter,
  dpoRow,
  errorModeOf,
  evalRow,
  exampleOf,
  ktoRow,
  ktoRowsOfExample,
  openAiPreferenceRow,
  PairDeduper,
  pairMetaRow,
  preferencePairs,
  recencyWeight,
  sampleItemOf,
  SessionIndex,
  TRAINING_KINDS,
  type DatasetCard,
  type ErrorModeInput,
  type ErrorModeVerdict,
  type EvalExample,
  type LabeledSession,
  type Row,
} from '@tacit/core/datasets';
import { labelSession } from '@tacit/core/labels';
import {
  CohortStats,
  NoveltyBaseline,
  Sampler,
  type CohortInterval,
  type SampleItem,
} from '@tacit/core/sampling';
import type { Store, StreamFilter } from '@tacit/store';
import { VERSION } from '../version.ts';
import { exportContext } from './context.ts';
import { splitsOf } from './files.ts';
import { exportOptionsSchema, type ExportOptions, type ExportOptionsInput } from './options.ts';
import type { RowWriter } from './writers/index.ts';

const DAY = 86_400_000;

/** Reads an error mode for a negative example: the heuristics, or a model (see `llmErrorModes`). */
export interface ErrorModeClassifier {
  name: string;
  classify(ex: ErrorModeInput): Promise<ErrorModeVerdict>;
}

export interface ExportHooks {
  /** Called every few hundred sessions and at the end. */
  onProgress?(p: { sessions: number; total: number; rows: number }): void;
  /** Loud problems (a training export without anchors). */
  onWarning?(message: string): void;
  errorModes?: ErrorModeClassifier;
  /** Label under this context instead of the project's active one. */
  context?: ProductContext;
  /** Baseline window of the `novel` strategy before `since`, days (default 30). */
  baselineDays?: number;
}

/** A user mistake in the options (the HTTP edge answers 400). */
export class ExportOptionsError extends Error {
  override readonly name = 'ExportOptionsError';
}

/** One output unit: the rows it writes (split → row), what the card counts, and how it is sampled. */
interface Candidate {
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

/**
 * Runs one export: streams the project's sessions from the store, labels each under the product
 * context (`labelSession`, as the worker does), builds the kind's rows (pairs, examples), filters,
 * deduplicates, weights, samples, and writes each split through `open(split)`; then the anchor
 * split, and returns the dataset card. Memory is one session plus the sampler's quotas; the
 * output is a function of the events, the context and the options only (no clock).
 *
 * @example
 * const card = await runExport(store, 'default', { kind: 'dpo', seed: 7 }, (split) => jsonlWriter(createWriteStream(paths[split])));
 */
export async function runExport(
  store: Store,
  projectId: string,
  input: ExportOptionsInput,
  open: (split: string) => RowWriter,
  hooks: ExportHooks = {},
): Promise<DatasetCard> {
  const parsed = exportOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new ExportOptionsError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const o = parsed.data;
  if (o.kind === 'openai-preference' && o.format !== 'jsonl')
    throw new ExportOptionsError('format: OpenAI preference fine-tuning reads JSONL only');
  const context = hooks.context ?? (await exportContext(store, projectId));
  const filter: StreamFilter = {
    ...(o.since ? { since: new Date(o.since) } : {}),
    ...(o.until ? { until: new Date(o.until) } : {}),
    ...(o.modelVersion ? { modelVersion: o.modelVersion } : {}),
  };
  const span = await store.events.span(projectId, filter);
  const asOf = o.until ?? span.lastTs ?? new Date(0).toISOString();
  const now = Date.parse(asOf);
  const label = (events: LabeledSession['events']): LabeledSession => ({
    events,
    labels: labelSession(events, context, { now }),
  });
  const inWindow = (at: string) =>
    (!o.since || at >= new Date(o.since).toISOString()) && (!o.until || at < new Date(o.until).toISOString());
  const weight = (at: string) => recencyWeight(at, asOf, o.halfLifeDays);

  // Sampling that needs a first pass: the novelty baseline and the cohorts' label means.
  let sampler: Sampler<Candidate> | undefined;
  let baseline: string | undefined;
  if (o.sample) {
    let novelty: NoveltyBaseline | undefined;
    let worst: CohortInterval[] | undefined;
    const needsCohorts = o.sample.includes('worst_cohort');
    if (o.sample.includes('novel') && o.since) {
      const history = new NoveltyBaseline({ seed: o.seed });
      const since = new Date(o.since);
      const window: StreamFilter = {
        since: new Date(since.getTime() - (hooks.baselineDays ?? 30) * DAY),
        until: since,
      };
      for await (const s of store.events.streamSessions(projectId, window))
        for (const ex of examplesOf(label(s.events), context))
          if (ex.at < o.since) history.add(sampleItemOf(ex));
      if (history.prompts > 0) {
        novelty = history;
        baseline = `history: sessions of the ${hooks.baselineDays ?? 30} days before ${o.since}`;
      }
    }
    const selfNovelty =
      o.sample.includes('novel') && novelty === undefined
        ? new NoveltyBaseline({ seed: o.seed, selfIncluded: true })
        : undefined;
    if (selfNovelty || needsCohorts) {
      const cohorts = new CohortStats();
      for await (const s of store.events.streamSessions(projectId, filter))
        for (const ex of examplesOf(label(s.events), context)) {
          if (!inWindow(ex.at) || (o.modelVersion && ex.provenance.modelVersion !== o.modelVersion)) continue;
          const item = sampleItemOf(ex);
          selfNovelty?.add(item);
          cohorts.add(item);
        }
      if (selfNovelty) {
        novelty = selfNovelty;
        baseline = 'self: the export window itself (each example against the others)';
      }
      if (needsCohorts) worst = cohorts.worst(o.worstCohorts, o.minCohortSize);
    }
    sampler = new Sampler<Candidate>({
      strategies: o.sample,
      seed: o.seed,
      quota: o.quota,
      minReformulations: o.minReformulations,
      ...(novelty ? { novelty } : {}),
      ...(worst ? { worstCohorts: worst } : {}),
    });
  }

  const writers = new Map<string, RowWriter>();
  for (const s of splitsOf(o.kind)) writers.set(s, open(s));
  const counter = new CardCounter();
  const emit = async (c: Candidate, extraSlices: string[] = []) => {
    const slices = [...(c.info.slices ?? []), ...extraSlices];
    for (const row of new Set(c.rows.map((r) => r.row)))
      if (extraSlices.length > 0 && Array.isArray(row.slices))
        row.slices = [...(row.slices as string[]), ...extraSlices];
    for (const { split, row } of c.rows) {
      await writers.get(split)?.write(row);
      if (split === 'data') counter.add(split, { ...c.info, slices });
      else if (split !== 'meta') counter.tally(split);
    }
  };

  const dedupe = new PairDeduper({ threshold: o.dedupeThreshold });
  let sessions = 0;
  const progress = () => hooks.onProgress?.({ sessions, total: span.sessions, rows: counter.rows });
  for await (const s of store.events.streamSessions(projectId, filter)) {
    sessions++;
    const ls = label(s.events);
    for (const c of await candidatesOf(ls, context, o, {
      inWindow,
      weight,
      dedupe,
      sampling: sampler !== undefined,
      hooks,
    })) {
      if (sampler && c.item) sampler.offer(c.item, c);
      else await emit(c);
    }
    if (sessions % 250 === 0) progress();
  }
  let coverage: DatasetCard['sampling'] = null;
  if (sampler) {
    const r = sampler.result();
    for (const x of r.selected)
      await emit(
        x.payload,
        x.slices.map((sl) => `sample=${sl}`),
      );
    coverage = { coverage: r.coverage, ...(baseline ? { baseline } : {}) };
  }

  // The anchor split: human-labeled, never from the version being trained unless allowed.
  const anchorInfo = { rows: 0, available: 0, excludedSameVersion: 0 };
  const trainingVersion = o.trainingVersion ?? o.modelVersion ?? null;
  const warnings: string[] = [];
  if (TRAINING_KINDS.includes(o.kind)) {
    const anchors = await store.anchors.list(projectId);
    anchorInfo.available = anchors.length;
    for (const a of anchors) {
      if (trainingVersion !== null && a.modelVersion === trainingVersion && !o.allowSameVersionAnchors) {
        anchorInfo.excludedSameVersion++;
        continue;
      }
      const rows: Row[] = [];
      if (o.kind === 'kto') rows.push(...anchorKtoRows(a));
      else {
        const p = anchorPair(a);
        if (p) rows.push(o.kind === 'dpo' ? dpoRow(p, 1) : openAiPreferenceRow(p));
      }
      for (const row of rows) {
        await writers.get('anchors')?.write(row);
        counter.add('anchors', { source: 'anchor' });
        anchorInfo.rows++;
      }
    }
    if (anchorInfo.rows === 0) {
      const why =
        anchorInfo.available === 0
          ? 'the project has no anchor set'
          : `none of the ${anchorInfo.available} anchors fits (${anchorInfo.excludedSameVersion} written by the version being trained, the others lack a ${o.kind === 'kto' ? 'label' : 'chosen/rejected pair'})`;
      const message = `TRAINING SET WITHOUT ANCHORS: ${why}. Without human-labeled anchors a model trained on its own behavioural labels can drift (label collapse) unnoticed; import some with \`tacit anchors import FILE\`.`;
      warnings.push(message);
      hooks.onWarning?.(message);
    }
  }
  for (const w of writers.values()) await w.close();
  progress();

  return {
    kind: o.kind,
    format: o.format,
    files: {},
    rows: counter.rows,
    splits: Object.fromEntries(
      splitsOf(o.kind)
        .filter((x) => x !== 'meta')
        .map((x) => [x, counter.splits[x] ?? 0]),
    ),
    counts: counter.counts(),
    filters: {
      since: o.since ?? null,
      until: o.until ?? null,
      modelVersion: o.modelVersion ?? null,
      minConfidence: o.minConfidence ?? null,
      sample: o.sample ?? null,
    },
    timeRange: { first: counter.first, last: counter.last },
    recency: { halfLifeDays: o.halfLifeDays, asOf },
    context: { hash: contextHash(context), version: context.version, name: context.name },
    seed: o.seed,
    project: projectId,
    sessions,
    dedupe:
      o.kind === 'dpo' || o.kind === 'openai-preference' || o.kind === 'kto'
        ? { duplicates: dedupe.duplicates, threshold: o.dedupeThreshold }
        : null,
    sampling: coverage,
    anchors: { ...anchorInfo, trainingVersion, allowSameVersion: o.allowSameVersionAnchors },
    errorModes:
      o.kind === 'eval' || o.kind === 'regression'
        ? { classifier: hooks.errorModes?.name ?? 'heuristics' }
        : null,
    warnings,
    generator: `tacit ${VERSION}`,
  };
}

function examplesOf(ls: LabeledSession, context: ProductContext): EvalExample[] {
  if (!ls.labels.session.closed) return [];
  const ix = new SessionIndex(ls, context);
  const out: EvalExample[] = [];
  for (const l of ls.labels.labels) {
    const g = ix.generations.get(l.generationId);
    if (g !== undefined && l.grade !== null && l.final) out.push(exampleOf(ix, g, l));
  }
  return out;
}

interface Ctx {
  inWindow(at: string): boolean;
  weight(at: string): number;
  dedupe: PairDeduper;
  sampling: boolean;
  hooks: ExportHooks;
}

async function candidatesOf(
  ls: LabeledSession,
  context: ProductContext,
  o: ExportOptions,
  c: Ctx,
): Promise<Candidate[]> {
  const out: Candidate[] = [];
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
        ? new Map(examplesOf(ls, context).map((e) => [e.provenance.generationId, e]))
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
      ? examplesOfOpen(ls, context, o.includeOpen)
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

function examplesOfOpen(ls: LabeledSession, context: ProductContext, includeOpen: boolean): EvalExample[] {
  if (!includeOpen) return examplesOf(ls, context);
  const ix = new SessionIndex(ls, context);
  return ls.labels.labels.flatMap((l) => {
    const g = ix.generations.get(l.generationId);
    return g !== undefined && l.grade !== null ? [exampleOf(ix, g, l)] : [];
  });
}
