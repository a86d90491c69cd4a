import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { labelSession } from '../labels/label-session.ts';
import type { TacitEvent } from '../schema/event.ts';
import { sessionContribution } from './contribution.ts';
import { sessionResultOf } from './from-labels.ts';

const t0 = Date.UTC(2026, 10, 2, 10);
const at = (s: number) => new Date(t0 + s * 1000).toISOString();

describe('sessionResultOf', () => {
  it('gives each labeled generation its signal kinds, grade and versions, and marks retries', () => {
    const r = sessionResultOf({
      projectId: 'p',
      sessionId: 's',
      startedAt: at(0),
      cohort: { plan: 'free' },
      labels: [
        { generationId: 'g1', grade: 'rejected', modelVersion: 'v1', contentType: 'chat' },
        { generationId: 'g2', grade: null, modelVersion: 'v1', contentType: 'chat' },
        { generationId: 'g3', grade: 'accepted', modelVersion: 'v2' },
      ],
      signals: [
        { kind: 'regenerated', generationId: 'g1' },
        { kind: 'long_dwell_then_edit', generationId: 'g1' },
        { kind: 'copied', generationId: 'g3' },
        { kind: 'copied', generationId: 'g3' },
        { kind: 'abandoned' },
      ],
      outcome: { status: 'abandoned', retries: 1 },
    });
    expect(r).toEqual({
      projectId: 'p',
      sessionId: 's',
      startedAt: t0,
      cohort: { plan: 'free' },
      outcome: 'abandoned',
      retries: 1,
      generations: [
        {
          modelVersion: 'v1',
          promptVersion: undefined,
          contentType: 'chat',
          signals: ['long_dwell_then_edit', 'regenerated', 'retried'],
          grade: 'rejected',
        },
        { modelVersion: 'v1', promptVersion: undefined, contentType: 'chat', signals: [], grade: undefined },
        {
          modelVersion: 'v2',
          promptVersion: undefined,
          contentType: undefined,
          signals: ['copied'],
          grade: 'accepted',
        },
      ],
    });
    // Two version groups; a generation without a grade is not in the labeled denominator.
    const hour = sessionContribution(r, { windows: ['hour'], cohortKeys: [] });
    expect(hour.map((row) => [row.modelVersion, row.counts.generations, row.counts.labeled])).toEqual([
      ['v1', 2, 1],
      ['v2', 1, 1],
    ]);
  });

  it('counts a rephrased question as a retry of the answer before it, from real events', () => {
    const ev = (e: Partial<TacitEvent> & { id: string; type: TacitEvent['type']; ts: string }) =>
      ({ sessionId: 's', properties: {}, ...e }) as TacitEvent;
    const events = [
      ev({
        id: 'm1',
        type: 'message',
        ts: at(0),
        properties: { text: 'How do I reset my password on the website?' },
      }),
      ev({
        id: 'g1',
        type: 'generation',
        ts: at(3),
        generationId: 'g1',
        properties: { prompt: 'x', output: 'Contact support.', model: 'm', modelVersion: 'v1' },
      }),
      ev({
        id: 'm2',
        type: 'message',
        ts: at(20),
        properties: { text: 'how can i reset the password of my website account' },
      }),
      ev({
        id: 'g2',
        type: 'generation',
        ts: at(23),
        generationId: 'g2',
        properties: {
          prompt: 'x',
          output: 'Open Settings, then Security, then Reset password.',
          model: 'm',
          modelVersion: 'v1',
        },
      }),
      ev({
        id: 'c2',
        type: 'copy',
        ts: at(30),
        generationId: 'g2',
        properties: { chars: 20, fraction: 0.5 },
      }),
      ev({ id: 'end', type: 'session_end', ts: at(40) }),
    ];
    const labeled = labelSession(events, builtinContext('chat'), { now: t0 + 3_600_000 });
    const r = sessionResultOf({
      projectId: 'p',
      sessionId: 's',
      startedAt: labeled.session.startAt,
      ...labeled,
    });
    expect(r.generations.map((g) => g.signals.includes('retried'))).toEqual([true, false]);
    expect(r.retries).toBe(1);
  });
});
