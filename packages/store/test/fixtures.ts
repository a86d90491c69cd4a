import type { TacitEvent } from '@tacit/core';
import { validateEvent } from '@tacit/core';

let counter = 0;

/** A valid event of the given type with sensible defaults; `over` overrides any field. */
export function ev(type: TacitEvent['type'], over: Record<string, unknown> = {}): TacitEvent {
  counter++;
  const defaults: Record<TacitEvent['type'], Record<string, unknown>> = {
    generation: { prompt: 'Say hi', output: 'Hi there!', model: 'm', modelVersion: 'v1' },
    message: { text: 'Say hi' },
    accept: {},
    edit: { text: 'Hi!' },
    undo: {},
    regenerate: {},
    copy: { chars: 3, fraction: 0.3 },
    share: {},
    export: {},
    view: { visibleMs: 1000, readDepth: 1 },
    navigate: { direction: 'away' },
    feedback: { thumb: 'up' },
    complete: { name: 'done' },
    session_end: {},
    custom: { name: 'x' },
  };
  const raw = {
    id: `ev-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    type,
    ts: new Date(Date.UTC(2026, 10, 23, 12, 0, counter % 60)).toISOString(),
    sessionId: 'sess-1',
    generationId: 'gen-1',
    properties: defaults[type],
    ...over,
  };
  const r = validateEvent(raw);
  if (!r.ok) throw new Error(`fixture invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}
