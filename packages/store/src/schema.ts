import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: written as a Date or ISO string, read as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable timestamptz column that may be left out on insert. */
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A jsonb column: written as a JSON string, read parsed. */
type Json<T = unknown> = ColumnType<T, string, string>;

/** Tenants. Every other table's key starts with `project_id`. */
export interface ProjectsTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

/** API keys: only the SHA-256 of each key is stored; `prefix` is what listings show. */
export interface ApiKeysTable {
  project_id: string;
  id: string;
  kind: 'public' | 'secret';
  key_hash: string;
  prefix: string;
  name: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

/** The append-only event log: the only source of truth. */
export interface EventsTable {
  project_id: string;
  id: string;
  session_id: string;
  type: string;
  ts: Timestamp;
  received_at: Timestamp;
  user_id: string | null;
  generation_id: string | null;
  properties: Json<Record<string, unknown>>;
  context: Json<Record<string, unknown> | null> | null;
}

/** A projection of `generation` events, for lookup and filtering. */
export interface GenerationsTable {
  project_id: string;
  id: string;
  session_id: string;
  event_id: string;
  ts: Timestamp;
  model: string;
  model_version: string | null;
  prompt_version: string | null;
  parent_id: string | null;
  message_id: string | null;
  content_type: string | null;
  prompt: Json;
  output: string;
  latency_ms: number | null;
  usage: Json<Record<string, unknown> | null> | null;
}

/**
 * One row per session, maintained on ingestion. `version` grows with every batch that brings the
 * session new events; `labeled_version` is the version the labeling loop last processed, so a
 * session is dirty while `version > labeled_version`.
 */
export interface SessionsTable {
  project_id: string;
  id: string;
  user_id: string | null;
  first_ts: Timestamp;
  last_ts: Timestamp;
  last_received_at: Timestamp;
  event_count: number;
  cohort: Json<Record<string, string> | null> | null;
  app: string | null;
  app_version: string | null;
  version: number;
  labeled_version: Generated<number>;
  /** The worker holding the session, until when (a lease: a crashed worker's claim expires). */
  claimed_by: Generated<string | null>;
  claimed_until: OptionalTimestamp;
  /** When an open session must be recomputed even without new events (it closes by inactivity then). */
  recheck_at: OptionalTimestamp;
}

/** The product contexts of a project; one is active. */
export interface ProductContextsTable {
  project_id: string;
  hash: string;
  version: string;
  body: Json<Record<string, unknown>>;
  active: boolean;
  created_at: Generated<Date>;
}

export interface SignalsTable {
  project_id: string;
  session_id: string;
  id: string;
  generation_id: string | null;
  kind: string;
  polarity: string;
  strength: number;
  evidence: Json<string[]>;
  at: Timestamp;
  details: Json<Record<string, unknown> | null> | null;
  context_hash: string;
}

export interface LabelsTable {
  project_id: string;
  generation_id: string;
  session_id: string;
  p_good: number;
  confidence: number;
  grade: string | null;
  mixed: boolean;
  route: string;
  evidence: number;
  signal_ids: Json<string[]>;
  signal_kinds: string[];
  final: boolean;
  context_version: string;
  context_hash: string;
  at: Timestamp;
  model: string | null;
  model_version: string | null;
  prompt_version: string | null;
  content_type: string | null;
  labeled_at: Timestamp;
}

export interface OutcomesTable {
  project_id: string;
  session_id: string;
  status: string;
  reason: string;
  closed: boolean;
  retries: number;
  corrections: number;
  generations: number;
  evidence: Json<string[]>;
  context_hash: string;
  labeled_at: Timestamp;
}

/** Human-labeled anchor examples and preferences (see `@tacit/core/datasets` `Anchor`). */
export interface AnchorsTable {
  project_id: string;
  id: string;
  prompt: Json;
  response: string | null;
  label: boolean | null;
  grade: string | null;
  chosen: string | null;
  rejected: string | null;
  model_version: string | null;
  labeler: string | null;
  note: string | null;
  imported_at: Generated<Date>;
}

/** Additive counts of sessions in one window × model version × prompt version × content type × cohort. */
export interface MonitorRollupsTable {
  project_id: string;
  window_size: 'hour' | 'day';
  window_start: Timestamp;
  model_version: string;
  prompt_version: string;
  content_type: string;
  /** `*` or one attribute `key=value`. */
  cohort: string;
  sessions: number;
  generations: number;
  generations_sq: number;
  labeled: number;
  labeled_sq: number;
  completed: number;
  abandoned: number;
  unknown: number;
  retries: number;
  retries_sq: number;
  /** `{kind: {sum, sumSq, cross}}`. */
  signals: Json<Record<string, { sum: number; sumSq: number; cross: number }>>;
  grades: Json<Record<string, { sum: number; sumSq: number; cross: number }>>;
}

/** A session's last contribution to the rollups (a `SessionResult` of `@tacit/core/monitor`). */
export interface MonitorSessionResultsTable {
  project_id: string;
  session_id: string;
  result: Json;
  updated_at: Timestamp;
}

/** When each model or prompt version was first seen (the start of its first session). */
export interface MonitorVersionsTable {
  project_id: string;
  dimension: 'modelVersion' | 'promptVersion';
  version: string;
  first_seen: Timestamp;
}

/** A project's alert rules and webhook, as validated, with the text they were set from. */
export interface AlertConfigsTable {
  project_id: string;
  config: Json<Record<string, unknown>>;
  source: string;
  updated_at: Timestamp;
}

/** One row per project: schedulers take turns through it (time slot, and a row lock while reconciling). */
export interface AlertScheduleTable {
  project_id: string;
  evaluated_at: OptionalTimestamp;
  evaluated_by: string | null;
}

/** Alerts that fired and have not resolved. */
export interface AlertsOpenTable {
  project_id: string;
  dedupe_key: string;
  rule_id: string;
  opened_at: Timestamp;
  quiet_for: number;
  evaluation: Json;
}

/** Alert history: each transition once (its id is the idempotency key), with its webhook delivery. */
export interface AlertEventsTable {
  project_id: string;
  id: string;
  type: 'fired' | 'resolved';
  dedupe_key: string;
  rule_id: string;
  at: Timestamp;
  opened_at: Timestamp;
  reason: string | null;
  evaluation: Json;
  /** `none`: no webhook configured when it happened. */
  delivery: 'pending' | 'delivered' | 'failed' | 'none';
  delivery_attempts: Generated<number>;
  delivery_status: number | null;
  delivery_error: string | null;
  delivered_at: OptionalTimestamp;
  delivery_claimed_until: OptionalTimestamp;
}

export interface Database {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  events: EventsTable;
  generations: GenerationsTable;
  sessions: SessionsTable;
  product_contexts: ProductContextsTable;
  signals: SignalsTable;
  labels: LabelsTable;
  outcomes: OutcomesTable;
  anchors: AnchorsTable;
  monitor_rollups: MonitorRollupsTable;
  monitor_session_results: MonitorSessionResultsTable;
  monitor_versions: MonitorVersionsTable;
  alert_configs: AlertConfigsTable;
  alert_schedule: AlertScheduleTable;
  alerts_open: AlertsOpenTable;
  alert_events: AlertEventsTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type GenerationRow = Selectable<GenerationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type SignalRow = Selectable<SignalsTable>;
export type LabelRow = Selectable<LabelsTable>;
export type OutcomeRow = Selectable<OutcomesTable>;
export type AnchorRow = Selectable<AnchorsTable>;
