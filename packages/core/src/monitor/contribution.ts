import {
  ALL_COHORTS,
  NONE,
  addCounts,
  emptyCounts,
  mergeRollups,
  type Moments,
  type RollupCounts,
  type RollupRow,
} from './rollup.ts';
import type { GenerationResult, SessionResult } from './session-result.ts';
import { WINDOW_SIZES, windowStart, type WindowSize } from './window.ts';

export interface ContributionOptions {
  /** Windows to keep rollups for. Default: hour and day. */
  windows?: readonly WindowSize[];
  /**
   * Cohort attributes to keep rows for (each adds a row per value). Default: all of a session's
   * attributes; restrict it when some attribute has many values (a user id is not a cohort).
   */
  cohortKeys?: readonly string[];
}

interface Group {
  modelVersion: string;
  promptVersion: string;
  contentType: string;
  generations: GenerationResult[];
}

function groupKey(g: GenerationResult): [string, string, string] {
  return [g.modelVersion ?? NONE, g.promptVersion ?? NONE, g.contentType ?? NONE];
}

/** Counts of one session's generations that share model version, prompt version and content type. */
function countsOf(session: SessionResult, generations: readonly GenerationResult[]): RollupCounts {
  const n = generations.length;
  const labeled = generations.filter((g) => g.grade !== undefined);
  const l = labeled.length;
  const moments = (y: number, denom: number): Moments => ({ sum: y, sumSq: y * y, cross: y * denom });
  const signalCounts = new Map<string, number>();
  for (const g of generations) {
    for (const kind of new Set(g.signals)) signalCounts.set(kind, (signalCounts.get(kind) ?? 0) + 1);
  }
  const gradeCounts = new Map<string, number>();
  for (const g of labeled) gradeCounts.set(g.grade!, (gradeCounts.get(g.grade!) ?? 0) + 1);
  const c = emptyCounts();
  return {
    ...c,
    sessions: 1,
    generations: n,
    generationsSq: n * n,
    labeled: l,
    labeledSq: l * l,
    signals: Object.fromEntries([...signalCounts].map(([k, y]) => [k, moments(y, n)])),
    grades: Object.fromEntries([...gradeCounts].map(([k, y]) => [k, moments(y, l)])),
    completed: session.outcome === 'completed' ? 1 : 0,
    abandoned: session.outcome === 'abandoned' ? 1 : 0,
    unknown: session.outcome === 'unknown' ? 1 : 0,
    retries: session.retries,
    retriesSq: session.retries * session.retries,
  };
}

/**
 * The rows one session adds to the rollups: for each window size, in the window the session
 * started in, one row per (model version, prompt version, content type) its generations used ×
 * cohort (`*` and each kept attribute). Generation counts go to their own group; the session and
 * its outcome count once in every group it used. A session without generations counts in the
 * `(none)` group, so session and outcome totals stay complete.
 *
 * @example
 * const rows = sessionContribution({ projectId: 'p', sessionId: 's1', startedAt: Date.parse('2026-11-02T10:20:00Z'),
 *   cohort: { plan: 'free' }, outcome: 'completed', retries: 1,
 *   generations: [{ modelVersion: 'v2', signals: ['rephrase_retry'] }, { modelVersion: 'v2', signals: ['copied'], grade: 'accepted' }] });
 * // 4 rows: hour and day × cohort `*` and `plan=free`, each with sessions 1, generations 2.
 */
export function sessionContribution(session: SessionResult, options: ContributionOptions = {}): RollupRow[] {
  const groups = new Map<string, Group>();
  for (const g of session.generations) {
    const [modelVersion, promptVersion, contentType] = groupKey(g);
    const id = JSON.stringify([modelVersion, promptVersion, contentType]);
    const group = groups.get(id) ?? { modelVersion, promptVersion, contentType, generations: [] };
    group.generations.push(g);
    groups.set(id, group);
  }
  if (groups.size === 0) {
    groups.set('', { modelVersion: NONE, promptVersion: NONE, contentType: NONE, generations: [] });
  }
  const cohorts = [ALL_COHORTS];
  for (const [k, v] of Object.entries(session.cohort ?? {})) {
    if (options.cohortKeys === undefined || options.cohortKeys.includes(k)) cohorts.push(`${k}=${v}`);
  }
  // A group's counts do not depend on the window; rows share them (readers copy before adding).
  const counted = [...groups.values()].map((g) => ({ g, counts: countsOf(session, g.generations) }));
  const rows: RollupRow[] = [];
  for (const window of options.windows ?? WINDOW_SIZES) {
    const start = windowStart(session.startedAt, window);
    for (const { g, counts } of counted) {
      for (const cohort of cohorts) {
        rows.push({
          projectId: session.projectId,
          window,
          windowStart: start,
          modelVersion: g.modelVersion,
          promptVersion: g.promptVersion,
          contentType: g.contentType,
          cohort,
          counts,
        });
      }
    }
  }
  return rows;
}

/**
 * What to add to the rollups when a session's labeling result changes from `previous` to `next`
 * (either may be absent: a new session, a deleted one). Rows that do not change are left out.
 * Applying it is idempotent as long as the caller stores `next` as the session's contribution in
 * the same transaction: recomputing an unchanged session yields no rows. Late events that change a
 * past window, or move the session's start to an earlier window, are handled because the old
 * contribution is subtracted where it was added.
 *
 * @example
 * const deltas = rollupDelta(stored, next);
 * await store.applyRollupDeltas(deltas); await store.saveSessionResult(next);
 */
export function rollupDelta(
  previous: SessionResult | undefined,
  next: SessionResult | undefined,
  options: ContributionOptions = {},
): RollupRow[] {
  const minus = previous
    ? sessionContribution(previous, options).map((r) => ({
        ...r,
        counts: addCounts(emptyCounts(), r.counts, -1),
      }))
    : [];
  const plus = next ? sessionContribution(next, options) : [];
  return mergeRollups([...minus, ...plus]);
}
