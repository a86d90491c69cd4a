export { sessionize, type Session, type SessionizeOptions } from './sessionize.ts';
export { correctClocks, type ClockSample } from './clock.ts';
export { toMillis, type SessionEventInput, type TimedEvent } from './input.ts';
export { parseIsoMillis, isoString } from './time.ts';
