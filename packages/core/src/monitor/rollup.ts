import type { WindowSize } from './window.ts';

/** Dimension value used when a generation does not say (no model version, no content type). */
export const NONE = '(none)';
/** The cohort value of the rows that count every session. */
export const ALL_COHORTS = '*';

/** Where a rollup row belongs. Every field is part of the key. */
export interface RollupKey {
  projectId: string;
  window: WindowSize;
  /** Epoch ms (UTC) of the window's start. */
  windowStart: number;
  modelVersion: string;
  promptVersion: string;
  contentType: string;
  /** `*` (every session) or one cohort attribute as `key=value`. */
  cohort: string;
}

/**
 * Sums over sessions of a per-session count y whose denominator is n (generations or labeled
 * generations): Σy, Σy², Σy·n. With Σn and Σn² they give the rate and its clustered variance,
 * and they add up, so rows merge and a session's old contribution can be subtracted exactly.
 */
export interface Moments {
  sum: number;
  sumSq: number;
  cross: number;
}

/** The additive counts of a rollup row. */
export interface RollupCounts {
  /** Sessions with at least one generation in this row (a session that saw two versions counts in both). */
  sessions: number;
  generations: number;
  /** Σ over sessions of (generations in this row)². */
  generationsSq: number;
  /** Generations with a label grade. */
  labeled: number;
  labeledSq: number;
  /** Per signal kind: generations carrying it (denominator: generations). */
  signals: Record<string, Moments>;
  /** Per grade: generations with it (denominator: labeled). */
  grades: Record<string, Moments>;
  /** Session outcomes. */
  completed: number;
  abandoned: number;
  unknown: number;
  /** Σ retries and Σ retries² over sessions. */
  retries: number;
  retriesSq: number;
}

export interface RollupRow extends RollupKey {
  counts: RollupCounts;
}

export function emptyCounts(): RollupCounts {
  return {
    sessions: 0,
    generations: 0,
    generationsSq: 0,
    labeled: 0,
    labeledSq: 0,
    signals: {},
    grades: {},
    completed: 0,
    abandoned: 0,
    unknown: 0,
    retries: 0,
    retriesSq: 0,
  };
}

function addMoments(
  into: Record<string, Moments>,
  from: Readonly<Record<string, Moments>>,
  sign: number,
): Record<string, Moments> {
  const out: Record<string, Moments> = { ...into };
  for (const [k, m] of Object.entries(from)) {
    const cur = out[k] ?? { sum: 0, sumSq: 0, cross: 0 };
    const next = {
      sum: cur.sum + sign * m.sum,
      sumSq: cur.sumSq + sign * m.sumSq,
      cross: cur.cross + sign * m.cross,
    };
    if (next.sum === 0 && next.sumSq === 0 && next.cross === 0) delete out[k];
    else out[k] = next;
  }
  return out;
}

/** a + b (or a − b with sign −1). Kinds and grades whose sums reach zero are dropped. */
export function addCounts(a: RollupCounts, b: RollupCounts, sign: 1 | -1 = 1): RollupCounts {
  return {
    sessions: a.sessions + sign * b.sessions,
    generations: a.generations + sign * b.generations,
    generationsSq: a.generationsSq + sign * b.generationsSq,
    labeled: a.labeled + sign * b.labeled,
    labeledSq: a.labeledSq + sign * b.labeledSq,
    signals: addMoments(a.signals, b.signals, sign),
    grades: addMoments(a.grades, b.grades, sign),
    completed: a.completed + sign * b.completed,
    abandoned: a.abandoned + sign * b.abandoned,
    unknown: a.unknown + sign * b.unknown,
    retries: a.retries + sign * b.retries,
    retriesSq: a.retriesSq + sign * b.retriesSq,
  };
}

/** True when every count is zero: such a row can be deleted. */
export function isEmptyCounts(c: RollupCounts): boolean {
  return (
    c.sessions === 0 &&
    c.generations === 0 &&
    c.generationsSq === 0 &&
    c.labeled === 0 &&
    c.labeledSq === 0 &&
    Object.keys(c.signals).length === 0 &&
    Object.keys(c.grades).length === 0 &&
    c.completed === 0 &&
    c.abandoned === 0 &&
    c.unknown === 0 &&
    c.retries === 0 &&
    c.retriesSq === 0
  );
}

/** A stable string for a row's key (for maps, upserts and logs). */
export function rollupKeyId(key: RollupKey): string {
  return JSON.stringify([
    key.projectId,
    key.window,
    key.windowStart,
    key.modelVersion,
    key.promptVersion,
    key.contentType,
    key.cohort,
  ]);
}

function keyOf(row: RollupKey): RollupKey {
  const { projectId, window, windowStart, modelVersion, promptVersion, contentType, cohort } = row;
  return { projectId, window, windowStart, modelVersion, promptVersion, contentType, cohort };
}

/**
 * Sums rows with the same key and drops rows that sum to zero. Applying deltas is merging them
 * into the current rows: `mergeRollups([...current, ...rollupDelta(before, after)])`.
 */
export function mergeRollups(rows: Iterable<RollupRow>): RollupRow[] {
  const byKey = new Map<string, RollupRow>();
  for (const row of rows) {
    const id = rollupKeyId(row);
    const cur = byKey.get(id);
    if (cur) addInto(cur.counts, row.counts);
    else byKey.set(id, { ...keyOf(row), counts: addCounts(emptyCounts(), row.counts) });
  }
  return [...byKey.values()].filter((r) => !isEmptyCounts(r.counts));
}

/** The sum of the rows' counts. */
export function sumCounts(rows: Iterable<{ counts: RollupCounts }>): RollupCounts {
  const total = emptyCounts();
  for (const r of rows) addInto(total, r.counts);
  return total;
}

/** In place: `into` += `from` (for merging many rows without copying each time). */
function addInto(into: RollupCounts, from: RollupCounts): void {
  for (const k of SCALARS) into[k] += from[k];
  for (const family of ['signals', 'grades'] as const) {
    for (const [k, m] of Object.entries(from[family])) {
      const cur = into[family][k];
      if (cur === undefined) into[family][k] = { ...m };
      else {
        cur.sum += m.sum;
        cur.sumSq += m.sumSq;
        cur.cross += m.cross;
        if (cur.sum === 0 && cur.sumSq === 0 && cur.cross === 0) delete into[family][k];
      }
    }
  }
}

const SCALARS = [
  'sessions',
  'generations',
  'generationsSq',
  'labeled',
  'labeledSq',
  'completed',
  'abandoned',
  'unknown',
  'retries',
  'retriesSq',
] as const;
