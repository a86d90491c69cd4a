import type { DeliveryTuning } from './delivery/delivery.ts';
import type { ErrorHook } from './delivery/platform.ts';
import type { BrowserPlatform } from './platform.ts';

/** A captured event just before it is queued; `beforeSend` may change it or drop it. */
export interface OutgoingEvent {
  id: string;
  type: string;
  ts: string;
  sessionId: string;
  userId?: string;
  generationId?: string;
  properties: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface TacitOptions extends DeliveryTuning {
  /** The project's public key (`pk_…`): write-only, safe in a page. */
  key: string;
  /** Tacit's base URL, e.g. `https://tacit.example.com`. */
  endpoint: string;
  userId?: string;
  /** A fixed session id (e.g. your conversation id); by default one per visit. */
  sessionId?: string;
  /** A visit ends after this long without events. Default 30 minutes. */
  sessionTimeoutMs?: number;
  app?: string;
  appVersion?: string;
  /** The kind of AI content (`chat`, `code`, `email`…); edit thresholds depend on it. */
  contentType?: string;
  /** Cohort attributes to slice metrics by (plan, locale…), string values. */
  cohort?: Record<string, string>;
  /** Send texts (messages, edits, copies). False is privacy mode: sketches and statistics only. */
  captureContent?: boolean;
  /** Rewrites every captured text before it leaves the page (e.g. to remove emails). */
  redact?: (text: string) => string;
  /** CSS selectors whose content is never sent (as if privacy mode were on for them). */
  mask?: string[];
  /** Sees every event before it is queued; return null to drop it. */
  beforeSend?: (event: OutgoingEvent) => OutgoingEvent | null | undefined;
  /** Listen to the page: `data-tacit-*` attributes, copy, edits, undo, dwell, navigation. Default true. */
  autocapture?: boolean;
  /** Quiet time after typing before an edit snapshot is sent. Default 1000 ms. */
  editDebounceMs?: number;
  /** Ctrl/Cmd+Z this soon after an accept counts as undoing it. Default 10 s. */
  undoWindowMs?: number;
  /** Keep unsent events in localStorage and resend them on the next visit. Default true. */
  persist?: boolean;
  onError?: ErrorHook;
  /** Replace parts of the environment (tests, workers, exotic hosts). */
  platform?: Partial<BrowserPlatform>;
}
