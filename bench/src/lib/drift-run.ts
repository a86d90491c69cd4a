import type { TacitEvent } from '@tacit/core';
import { builtinContext, type BuiltinContextName } from '@tacit/core/context';
import { labelSession, type SessionLabels } from '@tacit/core/labels';
import {
  addCounts,
  emptyCounts,
  evaluateRules,
  isEmptyCounts,
  rollupDelta,
  rollupKeyId,
  sessionResultOf,
  type AlertEvaluation,
  type AlertRule,
  type RollupRow,
  type SessionResult,
  type VersionSeen,
} from '@tacit/core/monitor';
import { AA_MODELS, simulate } from '@tacit/simulator';

const HOUR = 3_600_000;
/** The simulated traffic starts here (a Monday), far from the wall clock: nothing reads `Date.now()`. */
export const DRIFT_START = Date.UTC(2026, 4, 4);
export const PROJECT = 'drift';
export const GOOD = 'large-a';
export const BAD = 'large-b';

export type LabelMemo = Map<string, { events: TacitEvent[]; labels: SessionLabels }>;

/** Structural equality of JSON-like values (events as the simulator makes them). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (Array.isArray(b) || ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export interface DriftRunOptions {
  seed: number;
  /** `large-b`, the version rolled out at the change, is worse by `drop` of base quality (false: identical, an A/A split). */
  degrade: boolean;
  drop: number;
  product: BuiltinContextName;
  /** Sessions started per hour. */
  perHour: number;
  /** Share of the traffic `large-b` takes at the change (0.5: a canary; 1: a full rollout). */
  split: number;
  /** Hours before the change (`large-a` alone) and after it (the horizon). */
  preHours: number;
  postHours: number;
  rules: readonly AlertRule[];
  /** Stop a degraded run at its first detection (faster; the A/A runs always run to the horizon). */
  stopAtDetection?: boolean;
  /**
   * Labels already computed, by session and time, with the events they were computed from:
   * `labelSession` is pure, so the two runs of a pair (A/A and degraded, same seed) share the
   * sessions they have in common — all of them before the change and every `large-a` session
   * after it — and only label the rest. A hit needs equal events, compared field by field.
   */
  memo?: LabelMemo;
}

/** Post-change counts of one version (truth and what the pipeline measured). */
export interface VersionCounts {
  sessions: number;
  /** Sessions in which the user truly retried (simulator truth: rephrases, regenerations, corrections). */
  retrySessions: number;
  /** Generations and those the pipeline marked `retried`. */
  generations: number;
  retried: number;
  /** Labeled generations and those graded `rejected`. */
  labeled: number;
  rejected: number;
}

export interface DriftRunResult {
  seed: number;
  degrade: boolean;
  /** Sessions (both versions) started after the change until the first alert that blames `large-b`, if any. */
  detectedAfterSessions: number | null;
  detectedBy: string | null;
  /** The first alert that is not a detection: any alert of an A/A run, or one before the change / blaming `large-a`. */
  falseAlarm: { at: number; ruleId: string; dedupeKey: string } | null;
  /** Rules whose evaluations ever fired (ids), for the per-rule breakdown. */
  firedRules: string[];
  after: Record<string, VersionCounts>;
  labelCalls: number;
  sessions: number;
}

/** Whether a firing evaluation points at `version` as the one that got worse. */
function blames(e: AlertEvaluation, version: string): boolean {
  if (e.type === 'compare') return e.candidate?.version === version && e.direction === 'increase';
  return e.segment === null || e.segment.value === version;
}

interface SessionState {
  events: TacitEvent[];
  cohort?: Record<string, string>;
  result?: SessionResult;
  /** When an open session must be relabeled (it closes by inactivity then). */
  recheckAt: number | null;
}

/**
 * One seeded run through the real pipeline, as the server runs it but in memory: the simulator's
 * events in delivery order → at each hour, every session with new events (or due to close) is
 * relabeled with `labelSession` under the product's built-in context → `sessionResultOf` →
 * `rollupDelta` against its previous contribution → rollups → `evaluateRules` at that hour with
 * the versions' exact first-seen times.
 */
export function driftRun(o: DriftRunOptions): DriftRunResult {
  const change = DRIFT_START + o.preHours * HOUR;
  const totalHours = o.preHours + o.postHours;
  const context = builtinContext(o.product);
  const [a, b] = AA_MODELS as [(typeof AA_MODELS)[0], (typeof AA_MODELS)[0]];
  const from = new Date(change).toISOString();
  // One stream, so users and their habits continue across the change. Both versions serve from
  // the start; before the change they are identical, so a session of `large-b` that starts
  // before it is a session of `large-a` in all but name, and is renamed: the rollout happens at
  // the change.
  const records = simulate({
    seed: o.seed,
    sessions: o.perHour * totalHours,
    days: totalHours / 24,
    start: new Date(DRIFT_START).toISOString(),
    diurnal: false,
    product: o.product,
    models: [
      { ...a, weight: 1 - o.split },
      { ...b, weight: o.split, ...(o.degrade ? { degrade: { from, drop: o.drop } } : {}) },
    ],
  });
  const renamed = new Set<string>();

  const sessions = new Map<string, SessionState>();
  const dirty = new Set<string>();
  const rollups = new Map<string, RollupRow>();
  const versions = new Map<string, VersionSeen>();
  const after: Record<string, VersionCounts> = {};
  const counts = (v: string) =>
    (after[v] ??= { sessions: 0, retrySessions: 0, generations: 0, retried: 0, labeled: 0, rejected: 0 });
  const fired = new Set<string>();
  let labelCalls = 0;
  let sessionsAfter = 0;
  let detectedAfterSessions: number | null = null;
  let detectedBy: string | null = null;
  let falseAlarm: DriftRunResult['falseAlarm'] = null;
  let boundary = DRIFT_START + HOUR;

  const apply = (rows: readonly RollupRow[]) => {
    for (const d of rows) {
      const id = rollupKeyId(d);
      const cur = rollups.get(id);
      const counts = cur ? addCounts(cur.counts, d.counts) : d.counts;
      if (isEmptyCounts(counts)) rollups.delete(id);
      else rollups.set(id, { ...d, counts: cur ? counts : addCounts(emptyCounts(), counts) });
    }
  };

  const label = (id: string, s: SessionState, now: number) => {
    const key = `${id}@${now}`;
    const hit = o.memo?.get(key);
    let r = hit && same(hit.events, s.events) ? hit.labels : undefined;
    if (r === undefined) {
      labelCalls++;
      r = labelSession(s.events, context, { now });
      o.memo?.set(key, { events: s.events.slice(), labels: r });
    }
    const next = sessionResultOf({
      projectId: PROJECT,
      sessionId: id,
      startedAt: r.session.startAt,
      cohort: s.cohort,
      labels: r.labels,
      signals: r.signals,
      outcome: r.outcome,
    });
    apply(rollupDelta(s.result, next, { cohortKeys: [] }));
    for (const g of next.generations) {
      const v = g.modelVersion;
      if (v === undefined) continue;
      const seen = versions.get(v);
      if (!seen || next.startedAt < seen.firstSeen)
        versions.set(v, {
          projectId: PROJECT,
          dimension: 'modelVersion',
          version: v,
          firstSeen: next.startedAt,
        });
    }
    s.result = next;
    s.recheckAt = r.session.closed ? null : r.session.closesAt;
  };

  /** The worker's pass at `now`, then the scheduler's evaluation. Returns true to stop the run. */
  const tick = (now: number): boolean => {
    for (const [id, s] of sessions) {
      if (dirty.has(id) || (s.recheckAt !== null && s.recheckAt <= now)) label(id, s, now);
    }
    dirty.clear();
    const evaluations = evaluateRules(o.rules, [...rollups.values()], {
      now,
      versions: [...versions.values()],
    });
    for (const e of evaluations) {
      if (e.status !== 'firing') continue;
      fired.add(e.ruleId);
      const detection = o.degrade && now > change && blames(e, BAD);
      if (detection) {
        if (detectedAfterSessions === null) {
          detectedAfterSessions = sessionsAfter;
          detectedBy = e.ruleId;
        }
      } else if (falseAlarm === null) {
        falseAlarm = { at: now, ruleId: e.ruleId, dedupeKey: e.dedupeKey };
      }
    }
    return o.stopAtDetection === true && detectedAfterSessions !== null;
  };

  for (const r of records) {
    if (r.kind === 'session') {
      // Sessions are simulated at their start, after every event delivered before it: the
      // stream's clock. Each hour that passed is a worker pass and a scheduler evaluation.
      const clock = Date.parse(r.start);
      while (clock >= boundary) {
        if (tick(boundary)) return finish();
        boundary += HOUR;
      }
      if (clock < change && r.modelVersion === BAD) renamed.add(r.sessionId);
      if (clock >= change) {
        sessionsAfter++;
        const c = counts(r.modelVersion);
        c.sessions++;
        if (r.retries > 0) c.retrySessions++;
      }
    } else if (r.kind === 'event') {
      let e = r.event;
      if (e.type === 'generation' && renamed.has(e.sessionId))
        e = { ...e, properties: { ...e.properties, modelVersion: GOOD } };
      let s = sessions.get(e.sessionId);
      if (s === undefined) {
        s = { events: [], recheckAt: null };
        sessions.set(e.sessionId, s);
      }
      s.events.push(e);
      if (e.context?.cohort) s.cohort = e.context.cohort;
      dirty.add(e.sessionId);
    }
  }
  for (; boundary <= DRIFT_START + totalHours * HOUR; boundary += HOUR) if (tick(boundary)) break;
  return finish();

  function finish(): DriftRunResult {
    for (const row of rollups.values()) {
      if (row.window !== 'hour' || row.cohort !== '*' || row.windowStart < change) continue;
      const c = counts(row.modelVersion);
      c.generations += row.counts.generations;
      c.retried += row.counts.signals.retried?.sum ?? 0;
      c.labeled += row.counts.labeled;
      c.rejected += row.counts.grades.rejected?.sum ?? 0;
    }
    return {
      seed: o.seed,
      degrade: o.degrade,
      detectedAfterSessions,
      detectedBy,
      falseAlarm,
      firedRules: [...fired].sort(),
      after,
      labelCalls,
      sessions: sessions.size,
    };
  }
}
