export { Store, openStore, type StoreOptions } from './store.ts';
export { DataDirLockedError, lockOwner } from './connection/data-dir-lock.ts';
export { hashKey, type KeyGrant, type KeyInfo, type KeyKind } from './repos/keys.ts';
export { type StoredEvent, type InsertResult } from './repos/events.ts';
export { type SessionEvents, type SessionSpan, type StreamFilter } from './repos/session-stream.ts';
export { type Session, type SessionFilter, type SessionCursor } from './repos/sessions.ts';
export { type Generation } from './repos/generations.ts';
export {
  type SignalRecord,
  type LabelRecord,
  type OutcomeRecord,
  type StoredLabel,
  type StoredOutcome,
  type Claim,
  type SessionWrite,
  type LabelFilter,
} from './repos/labels.ts';
export { type StoredContext } from './repos/contexts.ts';
export { MonitorRepo, applySessionResult, applySessionResults, type RollupQuery } from './repos/monitor.ts';
export {
  AlertRepo,
  type AlertDelivery,
  type AlertEventRecord,
  type StoredAlertConfig,
} from './repos/alerts.ts';
export type { Database } from './schema.ts';
