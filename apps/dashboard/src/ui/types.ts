/** The parts of the API's JSON answers that the dashboard reads (see `/openapi.json`). */

export interface Session {
  id: string;
  userId: string | null;
  firstTs: string;
  lastTs: string;
  eventCount: number;
  cohort: Record<string, string> | null;
  app: string | null;
  appVersion: string | null;
  dirty: boolean;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface Generation {
  id: string;
  eventId: string;
  ts: string;
  model: string | null;
  modelVersion: string | null;
  promptVersion: string | null;
  parentId: string | null;
  contentType: string | null;
  prompt: string | ChatMessage[] | null;
  output: string | null;
}

export interface TacitEvent {
  id: string;
  type: string;
  ts: string;
  generationId?: string;
  properties: Record<string, unknown>;
}

export interface SessionDetail {
  session: Session;
  generations: Generation[];
  events: TacitEvent[];
}

export type Grade = 'accepted' | 'minor_edit' | 'major_edit' | 'replaced' | 'rejected';
export type LabelRoute = 'train' | 'review' | 'discard';

export interface Label {
  generationId: string;
  sessionId: string;
  pGood: number;
  confidence: number;
  /** null when there is no evidence at all. */
  grade: Grade | null;
  mixed: boolean;
  route: LabelRoute;
  signalKinds: string[];
  at: string;
  modelVersion?: string;
  promptVersion?: string;
  contentType?: string;
  contextVersion: string;
}

export interface Signal {
  id: string;
  kind: string;
  polarity: 'positive' | 'negative';
  strength: number;
  generationId?: string;
  evidence: string[];
}

export interface Outcome {
  status: 'completed' | 'abandoned' | 'unknown';
  reason?: string;
  retries: number;
  corrections: number;
  evidence: string[];
}

export interface SessionLabels {
  dirty: boolean;
  labels: Label[];
  signals: Signal[];
  outcome: Outcome | null;
}

/** A rate with its 95% (Wilson, design-effect adjusted) interval. */
export interface Rate {
  sessions: number;
  successes: number;
  trials: number;
  rate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface Rates {
  since: string;
  until: string;
  rates: (Rate & { metric: string; group: string })[];
}

export interface Series {
  since: string;
  until: string;
  series: { group: string; points: (Rate & { windowStart: string })[] }[];
}

export interface OpenAlert {
  dedupeKey: string;
  ruleId: string;
  openedAt: string;
  summary: string;
}

export interface AlertHistoryEntry {
  id: string;
  type: 'fired' | 'resolved';
  ruleId: string;
  at: string;
  openedAt: string;
  reason?: string;
  summary: string;
  delivery: { state: string; attempts: number; status?: number; error?: string };
}

export interface Alerts {
  open: OpenAlert[];
  history: AlertHistoryEntry[];
}

export interface AlertRules {
  source: 'default' | 'project';
  text: string;
  updatedAt: string | null;
}

export interface LabelingStatus {
  dirty: number;
  worker?: boolean;
}

export interface ProductContextAnswer {
  source: 'project' | 'default';
  hash: string;
  version: string;
  context: Record<string, unknown> & { signals?: Record<string, unknown> };
}
