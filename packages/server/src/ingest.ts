import { validateEvent, type FieldError, type TacitEvent } from '@tacit/core';
import type { Store } from '@tacit/store';
import { ApiError } from './errors.ts';

export type EventStatus = 'accepted' | 'duplicate' | 'invalid';

/** The result of one event of a batch, at the event's position. */
export interface EventResult {
  index: number;
  /** The event's id, when it had a string one. */
  id?: string;
  status: EventStatus;
  errors?: FieldError[];
}

export interface IngestResponse {
  accepted: number;
  duplicate: number;
  invalid: number;
  results: EventResult[];
}

/** The events of a request body: `{"events": [...]}` or a bare array. */
export function batchOf(body: unknown, maxEvents: number): unknown[] {
  const events: unknown = Array.isArray(body)
    ? body
    : body !== null && typeof body === 'object'
      ? (body as { events?: unknown }).events
      : undefined;
  if (!Array.isArray(events)) {
    throw new ApiError('bad_request', 'expected a JSON object {"events": [ ... ]}', [
      { path: 'events', message: `expected array, got ${events === null ? 'null' : typeof events}` },
    ]);
  }
  if (events.length > maxEvents) {
    throw new ApiError(
      'payload_too_large',
      `a batch holds at most ${maxEvents} events; this one has ${events.length}: split it`,
    );
  }
  return events;
}

/**
 * Validates each event on its own and stores the valid ones once: one bad event never loses the
 * good ones, and a resent event is acknowledged as a duplicate.
 */
export async function ingest(
  store: Store,
  projectId: string,
  events: readonly unknown[],
  receivedAt = new Date(),
): Promise<IngestResponse> {
  const results: EventResult[] = new Array<EventResult>(events.length);
  const valid: TacitEvent[] = [];
  const indexOf = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const raw = events[i];
    const r = validateEvent(raw, `events[${i}]`);
    const id = r.ok ? r.value.id : idOf(raw);
    if (!r.ok) {
      results[i] = {
        index: i,
        ...(id === undefined ? {} : { id }),
        status: 'invalid',
        errors: r.errors,
      };
      continue;
    }
    if (indexOf.has(r.value.id)) {
      results[i] = { index: i, id: r.value.id, status: 'duplicate' };
      continue;
    }
    indexOf.set(r.value.id, i);
    valid.push(r.value);
  }
  const { accepted } = await store.events.insertBatch(projectId, valid, receivedAt);
  for (const [id, i] of indexOf)
    results[i] = { index: i, id, status: accepted.has(id) ? 'accepted' : 'duplicate' };
  const count = (s: EventStatus) => results.reduce((n, r) => n + (r.status === s ? 1 : 0), 0);
  return { accepted: count('accepted'), duplicate: count('duplicate'), invalid: count('invalid'), results };
}

function idOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 256 ? id : undefined;
}
