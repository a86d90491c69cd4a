import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './event.ts';
import { validateEvent } from './validate.ts';

const doc = readFileSync(fileURLToPath(new URL('../../../../docs/events.md', import.meta.url)), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] ?? '') as unknown);

describe('docs/events.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(EVENT_TYPES.length);
  });

  it.each(examples.map((e, i) => [i, e] as const))(
    'example %i parses with the event schema',
    (_i, example) => {
      const r = validateEvent(example);
      expect(r.ok ? [] : r.errors).toEqual([]);
    },
  );

  it('shows every event type', () => {
    const shown = new Set(examples.map((e) => (e as { type: string }).type));
    expect([...EVENT_TYPES].filter((t) => !shown.has(t))).toEqual([]);
  });
});
