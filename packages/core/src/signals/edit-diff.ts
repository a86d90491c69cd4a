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
 * tokens). Equal texts cost nothing, and the common head and tail are counted without the diff.
 * Texts over `maxTokens`, or a diff whose edit length would exceed a fixed budget (Myers costs
 * tokens × edit length), are compared by word counts instead (order ignored), so one huge paste
 * cannot stall labelling; with `stopAboveRatio`, so is a rewrite that no diff could grade below it
 * (the counts bound the diff: it cannot keep more words than the texts share).
 *
 * @example
 * analyzeEdit('The cat sat on the mat.', 'The cat sat on the red mat.').ratio // 1/8
 */
export function analyzeEdit(
  before: string,
  after: string,
  options: {
    maxTokens?: number;
    overwriteKeptBelow?: number;
    /** When even the best case (every shared word kept) has a ratio above this, skip the diff. */
    stopAboveRatio?: number;
  } = {},
): EditAnalysis {
  const overwrite = options.overwriteKeptBelow ?? 0.15;
  const a = editTokens(before);
  if (before === after) return finish(a.length, 0, 0, 'diff', overwrite, 0);
  const b = editTokens(after);
  if (a.length + b.length > (options.maxTokens ?? 20_000)) return countsOnly(a, b, overwrite);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const kept = head + tail;
  // A diff keeps at most the words the two sides share (as multisets): bounds in linear time.
  const shared = countOverlap(midA, midB);
  if (options.stopAboveRatio !== undefined) {
    // A rewrite no diff could grade below `stopAboveRatio` is settled by the bound.
    const most = kept + shared;
    const n = a.length + b.length;
    const least = (n - 2 * most) / (n - most);
    if (least > options.stopAboveRatio || most / Math.max(1, a.length) < overwrite) {
      return finish(most, a.length - most, b.length - most, 'counts', overwrite);
    }
  }
  const t: Tally = { kept, removed: 0, added: 0, hunks: 0 };
  // A small edit is settled by one diff with a short edit budget. A large one is diffed sentence by
  // sentence (then word by word inside changed sentences): Myers costs grow with the square of the
  // edit length, and a rewrite of every sentence is many small diffs, not one big one.
  const quick = 16 + Math.floor(0.1 * (midA.length + midB.length));
  // The edit length is at least the tokens not shared: when that is over the budget, the short
  // diff would fail anyway, so it is not tried (same result, without the failed attempt).
  const atLeast = midA.length + midB.length - 2 * shared;
  const quickDone = atLeast <= quick && tallyDiff(midA, midB, quick, t);
  if (!quickDone && !sentenceDiff(midA, midB, t)) return countsOnly(a, b, overwrite);
  return finish(t.kept, t.removed, t.added, 'diff', overwrite, t.hunks);
}

interface Tally {
  kept: number;
  removed: number;
  added: number;
  hunks: number;
}

/** Adds the diff of `a` → `b` to the tally; false (tally untouched) past `maxEditLength`. */
function tallyDiff(a: readonly string[], b: readonly string[], maxEditLength: number, t: Tally): boolean {
  if (a.length === 0 || b.length === 0) {
    t.removed += a.length;
    t.added += b.length;
    if (a.length + b.length > 0) t.hunks++;
    return true;
  }
  const parts = diffArrays(a as string[], b as string[], { maxEditLength });
  if (parts === undefined) return false;
  let inHunk = false;
  for (const p of parts) {
    if (p.added || p.removed) {
      if (!inHunk) t.hunks++;
      inHunk = true;
      if (p.added) t.added += p.count;
      else t.removed += p.count;
    } else {
      t.kept += p.count;
      inHunk = false;
    }
  }
  return true;
}

const SENTENCE_END = new Set(['.', '!', '?', ';']);

function sentences(tokens: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const x of tokens) {
    cur.push(x);
    if (SENTENCE_END.has(x)) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Whether two sentences are one sentence edited: they share at least half their words. */
function sameSentence(a: readonly string[], b: readonly string[]): boolean {
  return 2 * countOverlap(a, b) >= Math.max(a.length, b.length);
}

/** The longest edit a single word-level diff may run to (Myers costs about its square / 2 steps). */
const MAX_EDIT_LENGTH = 400;

/**
 * Sentence-aligned diff: sentences first, then words inside each changed block; a block with as
 * many sentences on both sides (a rewrite that kept the structure) is diffed sentence by
 * sentence. False when a block's diff exceeds the budget.
 */
function sentenceDiff(a: readonly string[], b: readonly string[], t: Tally): boolean {
  const sa = sentences(a);
  const sb = sentences(b);
  const key = (x: readonly string[]) => x.join(' ');
  const level = diffArrays(sa.map(key), sb.map(key));
  const local: Tally = { kept: 0, removed: 0, added: 0, hunks: 0 };
  let ia = 0;
  let ib = 0;
  let gone: string[][] = [];
  let come: string[][] = [];
  const flush = (): boolean => {
    let ok = true;
    if (
      gone.length === come.length &&
      gone.length > 1 &&
      gone.every((g, i) => sameSentence(g, come[i] as string[]))
    ) {
      gone.forEach((g, i) => (ok &&= tallyDiff(g, come[i] as string[], MAX_EDIT_LENGTH, local)));
    } else {
      ok = tallyDiff(gone.flat(), come.flat(), MAX_EDIT_LENGTH, local);
    }
    gone = [];
    come = [];
    return ok;
  };
  for (const p of level) {
    if (p.removed) for (let k = 0; k < p.count; k++) gone.push(sa[ia++] as string[]);
    else if (p.added) for (let k = 0; k < p.count; k++) come.push(sb[ib++] as string[]);
    else {
      if (!flush()) return false;
      for (let k = 0; k < p.count; k++) local.kept += (sa[ia++] as string[]).length;
      ib += p.count;
    }
  }
  if (!flush()) return false;
  t.kept += local.kept;
  t.removed += local.removed;
  t.added += local.added;
  t.hunks += local.hunks;
  return true;
}

function countsOnly(a: readonly string[], b: readonly string[], overwrite: number): EditAnalysis {
  const kept = countOverlap(a, b);
  return finish(kept, a.length - kept, b.length - kept, 'counts', overwrite);
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
