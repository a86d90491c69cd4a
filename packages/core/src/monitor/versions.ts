import { ALL_COHORTS, NONE, type RollupRow } from './rollup.ts';

/** When a model or prompt version was first seen in a project. */
export interface VersionSeen {
  projectId: string;
  dimension: 'modelVersion' | 'promptVersion';
  version: string;
  /** Epoch ms. */
  firstSeen: number;
}

/** Versions of a project by first appearance in the rollups (earliest window with sessions). */
export function versionsFromRollups(
  rows: Iterable<RollupRow>,
  projectId: string,
  dimension: 'modelVersion' | 'promptVersion',
): VersionSeen[] {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (r.projectId !== projectId || r.cohort !== ALL_COHORTS || r.counts.sessions <= 0) continue;
    const v = r[dimension];
    if (v === NONE) continue;
    first.set(v, Math.min(first.get(v) ?? Infinity, r.windowStart));
  }
  return [...first].map(([version, firstSeen]) => ({ projectId, dimension, version, firstSeen }));
}

/**
 * Resolves `new` and `previous`: the candidate `new` is the version seen last; the baseline
 * `previous` is the version seen just before the candidate. Named versions stand for themselves.
 * Returns a reason when a version cannot be resolved.
 */
export function resolveVersions(
  seen: readonly VersionSeen[],
  candidate: string,
  baseline: string,
): { candidate: string; baseline: string } | { reason: string } {
  const ordered = [...seen].sort((a, b) => a.firstSeen - b.firstSeen || (a.version < b.version ? -1 : 1));
  const cand = candidate === 'new' ? ordered.at(-1)?.version : candidate;
  if (cand === undefined) return { reason: 'no version seen yet' };
  if (baseline !== 'previous') return { candidate: cand, baseline };
  const at = ordered.findIndex((v) => v.version === cand);
  const base = at > 0 ? ordered[at - 1]?.version : undefined;
  if (base === undefined) return { reason: `no version seen before ${cand}` };
  return { candidate: cand, baseline: base };
}
