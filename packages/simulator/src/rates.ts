import { CONTENT_TYPES, type ContentType } from './config.ts';
import type { SimRecord } from './truth.ts';

/** Behaviour rates of simulated traffic: what the README's table shows. */
export interface Rates {
  sessions: number;
  generations: number;
  /** Distinct events (duplicate deliveries not counted). */
  events: number;
  eventsPerSession: number;
  /** Share of sessions with at least one retry (regenerate, rephrase or correction). */
  retrySessions: number;
  /** Share of sessions with at least one `edit` event. */
  editSessions: number;
  /** Share of sessions with at least one `copy` event. */
  copySessions: number;
  /** Share of sessions with explicit feedback. */
  thumbSessions: number;
  /** Feedback events per generation. */
  thumbsPerGeneration: number;
  /** Share of generations that are good (hidden truth). */
  goodGenerations: number;
  completedSessions: number;
  abandonedSessions: number;
}

const EDIT = 1;
const COPY = 2;
const THUMB = 4;

interface Tally {
  sessions: number;
  generations: number;
  good: number;
  events: number;
  retry: number;
  completed: number;
  abandoned: number;
  edit: number;
  copy: number;
  thumbSessions: number;
  thumbs: number;
}

const empty = (): Tally => ({
  sessions: 0,
  generations: 0,
  good: 0,
  events: 0,
  retry: 0,
  completed: 0,
  abandoned: 0,
  edit: 0,
  copy: 0,
  thumbSessions: 0,
  thumbs: 0,
});

function ratesOf(t: Tally): Rates {
  const per = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);
  return {
    sessions: t.sessions,
    generations: t.generations,
    events: t.events,
    eventsPerSession: per(t.events, t.sessions),
    retrySessions: per(t.retry, t.sessions),
    editSessions: per(t.edit, t.sessions),
    copySessions: per(t.copy, t.sessions),
    thumbSessions: per(t.thumbSessions, t.sessions),
    thumbsPerGeneration: per(t.thumbs, t.generations),
    goodGenerations: per(t.good, t.generations),
    completedSessions: per(t.completed, t.sessions),
    abandonedSessions: per(t.abandoned, t.sessions),
  };
}

/**
 * Measures behaviour rates of a simulation, per content type and overall. Keeps a few bits per
 * session, so it suits runs of up to a few million sessions.
 *
 * @example
 * measureRates(simulate({ sessions: 20_000, product: 'mixed' })).all.retrySessions // ≈ 0.3
 */
export function measureRates(records: Iterable<SimRecord>): Record<ContentType | 'all', Rates> {
  const tallies = Object.fromEntries([...CONTENT_TYPES, 'all'].map((k) => [k, empty()])) as Record<
    ContentType | 'all',
    Tally
  >;
  const flags = new Map<string, number>();
  const seen = new Set<string>();
  const typeOf = new Map<string, ContentType>();
  for (const r of records) {
    switch (r.kind) {
      case 'event': {
        const e = r.event;
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        const type = e.context?.contentType as ContentType | undefined;
        if (type === undefined) continue;
        typeOf.set(e.sessionId, type);
        for (const t of [tallies[type], tallies.all]) {
          t.events++;
          if (e.type === 'feedback') t.thumbs++;
        }
        const bit = e.type === 'edit' ? EDIT : e.type === 'copy' ? COPY : e.type === 'feedback' ? THUMB : 0;
        if (bit !== 0) flags.set(e.sessionId, (flags.get(e.sessionId) ?? 0) | bit);
        break;
      }
      case 'generation':
        for (const t of [tallies[r.contentType], tallies.all]) {
          t.generations++;
          if (r.good) t.good++;
        }
        break;
      case 'session':
        typeOf.set(r.sessionId, r.contentType);
        for (const t of [tallies[r.contentType], tallies.all]) {
          t.sessions++;
          if (r.retries > 0) t.retry++;
          if (r.completed) t.completed++;
          if (r.abandoned) t.abandoned++;
        }
        break;
      case 'message':
        break;
    }
  }
  for (const [sessionId, f] of flags) {
    const type = typeOf.get(sessionId);
    if (type === undefined) continue;
    for (const t of [tallies[type], tallies.all]) {
      if (f & EDIT) t.edit++;
      if (f & COPY) t.copy++;
      if (f & THUMB) t.thumbSessions++;
    }
  }
  return Object.fromEntries(Object.entries(tallies).map(([k, t]) => [k, ratesOf(t)])) as Record<
    ContentType | 'all',
    Rates
  >;
}
