import type { TacitEvent } from '../schema/event.ts';
import { parseIsoMillis } from './time.ts';

/**
 * An event as the store hands it back: the validated event and, when known, when the server
 * received it (epoch milliseconds or ISO 8601). `receivedAt` is what guards the order of a session
 * against skewed client clocks.
 */
export type SessionEventInput = TacitEvent & { receivedAt?: number | string };

/** One event of a session, placed on the session's corrected timeline. */
export interface TimedEvent {
  event: TacitEvent;
  /** Corrected time, epoch milliseconds: the client time, moved when the client's clock was off. */
  at: number;
  /** The client's own time (`event.ts`), epoch milliseconds. */
  clientAt: number;
  /** The server's receive time, epoch milliseconds, when known. */
  receivedAt?: number;
}

/** Epoch milliseconds of an ISO string or a number; `undefined` when it is neither. */
export function toMillis(t: number | string | undefined): number | undefined {
  if (typeof t === 'number') return Number.isFinite(t) ? t : undefined;
  if (typeof t === 'string') {
    const ms = parseIsoMillis(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
