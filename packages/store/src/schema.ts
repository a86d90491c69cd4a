import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: written as a Date or ISO string, read as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
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
}

export interface Database {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  events: EventsTable;
  generations: GenerationsTable;
  sessions: SessionsTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type GenerationRow = Selectable<GenerationsTable>;
export type SessionRow = Selectable<SessionsTable>;
