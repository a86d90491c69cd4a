import { contextHash, type ProductContext } from '@tacit/core/context';
import {
  anchorKtoRows,
  anchorPair,
  CardCounter,
  dpoRow,
  openAiPreferenceRow,
  PairDeduper,
  recencyWeight,
  sampleItemOf,
  TRAINING_KINDS,
  type DatasetCard,
  type ErrorModeInput,
  type ErrorModeVerdict,
  type LabeledSession,
  type Row,
} from '@tacit/core/datasets';
import { labelSession } from '@tacit/core/labels';
import { CohortStats, NoveltyBaseline, Sampler, type CohortInterval } from '@tacit/core/sampling';
import type { Store, StreamFilter } from '@tacit/store';
import { VERSION } from '../version.ts';
import { candidatesOf, examplesOf, type Candidate } from './candidates.ts';
import { exportContext } from './context.ts';
import { splitsOf } from './files.ts';
import { checkExportOptions, type ExportOptionsInput } from './options.ts';
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
  const checked = checkExportOptions(input);
  if (!checked.ok) throw new ExportOptionsError(checked.message);
  const o = checked.value;
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
  const sinceIso = o.since ? new Date(o.since).toISOString() : undefined;
  const untilIso = o.until ? new Date(o.until).toISOString() : undefined;
  const inWindow = (at: string) => (!sinceIso || at >= sinceIso) && (!untilIso || at < untilIso);
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
          if (ex.at < since.toISOString()) history.add(sampleItemOf(ex));
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
