// Test fixtures: seeded synthetic sessions for the monitor's tests. Not exported by the package.
import type { GenerationResult, SessionResult } from './session-result.ts';

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrafficOptions {
  sessions: number;
  /** Epoch ms of the first session; the rest follow every `spacingMs`. */
  start: number;
  spacingMs: number;
  modelVersion: string;
  /** Chance a generation gets a `rephrase_retry`. */
  retryRate: number;
  /** Chance a generation gets `copied`. Default 0.3. */
  copyRate?: number;
  /** Chance the session is abandoned. Default 0.2. */
  abandonRate?: number;
  generationsPerSession?: number;
  cohort?: Record<string, string>;
  projectId?: string;
  contentType?: string;
  idPrefix?: string;
}

export function traffic(rnd: () => number, o: TrafficOptions): SessionResult[] {
  const out: SessionResult[] = [];
  for (let i = 0; i < o.sessions; i++) {
    const generations: GenerationResult[] = [];
    let retries = 0;
    for (let g = 0; g < (o.generationsPerSession ?? 3); g++) {
      const signals: string[] = [];
      if (rnd() < o.retryRate) {
        signals.push('rephrase_retry');
        retries++;
      }
      if (rnd() < (o.copyRate ?? 0.3)) signals.push('copied');
      generations.push({
        modelVersion: o.modelVersion,
        promptVersion: 'p1',
        contentType: o.contentType ?? 'chat',
        signals,
        grade: signals.includes('rephrase_retry') ? 'rejected' : 'accepted',
      });
    }
    out.push({
      projectId: o.projectId ?? 'proj',
      sessionId: `${o.idPrefix ?? o.modelVersion}-${i}`,
      startedAt: o.start + i * o.spacingMs,
      cohort: o.cohort,
      outcome: rnd() < (o.abandonRate ?? 0.2) ? 'abandoned' : 'completed',
      retries,
      generations,
    });
  }
  return out;
}
