import { diffArrays } from 'diff';
import type { EditThresholds } from '../context/schema.ts';
import type { EditStats } from '../schema/sketch.ts';

/** How an output was edited into the user's final text. */
export interface EditAnalysis {
  /** Tokens (words and punctuation marks) of the output kept, removed, and added by the user. */
  kept: number;
  removed: number;
  added: number;
  /** Changed tokens / all tokens of old ∪ new: 0 untouched … 1 nothing kept. */
  ratio: number;
  /** Share of the output's tokens kept. */
  keptOfOutput: number;
  /** Separate changed regions; undefined when counted without a diff (privacy stats, huge texts). */
  hunks?: number;
  /** `targeted`: a few changed regions; `scattered`: changes all over; `overwrite`: little of the output kept. */
  scope: 'none' | 'targeted' | 'scattered' | 'overwrite';
  /** `diff`: word-level diff; `counts`: word counts (texts too long to diff); `stats`: privacy-mode stats. */
  method: 'diff' | 'counts' | 'stats';
}

export type EditGrade = 'none' | 'minor' | 'major' | 'replaced';

const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** Words and single punctuation marks, case kept: `x + 1` and `x - 1` differ, for code. */
export function editTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Targeted: at most this many changed regions. */
const TARGETED_HUNKS = 3;
/** The diff's budget in steps (tokens × edit length): beyond it, word counts instead of a diff. */
const DIFF_BUDGET = 4_000_000;

function finish(
  kept: number,
  removed: number,
  added: number,
  method: EditAnalysis['method'],
  overwriteKeptBelow: number,
  hunks?: number,
): EditAnalysis {
  const total = kept + removed + added;
  const ratio = total === 0 ? 0 : (removed + added) / total;
  const keptOfOutput = kept + removed === 0 ? 1 : kept / (kept + removed);
  const scope: EditAnalysis['scope'] =
    removed + added === 0
      ? 'none'
      : keptOfOutput < overwriteKeptBelow
        ? 'overwrite'
        : hunks !== undefined && hunks <= TARGETED_HUNKS
          ? 'targeted'
          : 'scattered';
  return {
    kept,
    removed,
    added,
    ratio,
    keptOfOutput,
    ...(hunks !== undefined ? { hunks } : {}),
    scope,
    method,
  };
}

/** Multiset overlap of two token lists: what a diff would keep, ignoring order. */
function countOverlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let kept = 0;
  for (const t of b) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      kept++;
      counts.set(t, c - 1);
    }
  }
  return kept;
}

/**
 * Compares an output with the user's final text by a word-level diff (jsdiff's Myers diff over
 * tokens). Equal texts cost nothing; texts over `maxTokens`, or a diff that would exceed a fixed
 * budget, are compared by word counts instead (order ignored), so one huge paste cannot stall
 * labelling.
 *
 * @example
 * analyzeEdit('The cat sat on the mat.', 'The cat sat on the red mat.').ratio // 1/8
 */
export function analyzeEdit(
  before: string,
  after: string,
  options: { maxTokens?: number; overwriteKeptBelow?: number } = {},
): EditAnalysis {
  const overwrite = options.overwriteKeptBelow ?? 0.15;
  const a = editTokens(before);
  if (before === after) return finish(a.length, 0, 0, 'diff', overwrite, 0);
  const b = editTokens(after);
  const n = a.length + b.length;
  const maxTokens = options.maxTokens ?? 20_000;
  const maxEditLength = Math.max(16, Math.floor(DIFF_BUDGET / Math.max(1, n)));
  const parts = n > maxTokens ? undefined : diffArrays(a, b, { maxEditLength });
  if (parts === undefined) {
    const kept = countOverlap(a, b);
    return finish(kept, a.length - kept, b.length - kept, 'counts', overwrite);
  }
  let kept = 0;
  let removed = 0;
  let added = 0;
  let hunks = 0;
  let inHunk = false;
  for (const p of parts) {
    if (p.added || p.removed) {
      if (!inHunk) hunks++;
      inHunk = true;
      if (p.added) added += p.count;
      else removed += p.count;
    } else {
      kept += p.count;
      inHunk = false;
    }
  }
  return finish(kept, removed, added, 'diff', overwrite, hunks);
}

/** The same analysis from privacy-mode stats (the text never left the browser). */
export function analyzeEditStats(
  stats: EditStats,
  options: { overwriteKeptBelow?: number } = {},
): EditAnalysis {
  return finish(
    stats.wordsKept,
    stats.wordsRemoved,
    stats.wordsAdded,
    'stats',
    options.overwriteKeptBelow ?? 0.15,
  );
}

/**
 * Privacy-mode stats of an edit, computed where the text is (the browser SDK): what
 * `analyzeEditStats` grades on the server.
 */
export function editStats(before: string, after: string): EditStats {
  const a = analyzeEdit(before, after);
  return { wordsKept: a.kept, wordsRemoved: a.removed, wordsAdded: a.added, finalChars: after.length };
}

/** The grade of an edit under a content type's thresholds. */
export function gradeEdit(analysis: EditAnalysis, t: EditThresholds): EditGrade {
  if (analysis.scope === 'overwrite') return 'replaced';
  if (analysis.ratio <= t.none) return 'none';
  if (analysis.ratio <= t.minor) return 'minor';
  if (analysis.ratio <= t.major) return 'major';
  return 'replaced';
}
