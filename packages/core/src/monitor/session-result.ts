/** A session's outcome as the labeler judged it. */
export type SessionOutcomeStatus = 'completed' | 'abandoned' | 'unknown';

/** What monitoring needs of one labeled generation. */
export interface GenerationResult {
  modelVersion?: string | undefined;
  promptVersion?: string | undefined;
  contentType?: string | undefined;
  /** Kinds of the signals on this generation (`rephrase_retry`, `copied`, …); repeats count once. */
  signals: readonly string[];
  /** The label's grade (`accepted` … `rejected`), when the generation has a label. */
  grade?: string | undefined;
}

/**
 * What monitoring needs of one labeled session: the input of the rollups. It is deliberately
 * small and independent of the signal engine's types; the labeling loop maps its result to it.
 */
export interface SessionResult {
  projectId: string;
  sessionId: string;
  /**
   * When the session started (epoch ms). It decides the session's window, so an event that
   * arrives late changes the counts of the window the session started in, not of the current one.
   */
  startedAt: number;
  /** Cohort attributes (plan, locale, …). */
  cohort?: Readonly<Record<string, string>> | undefined;
  outcome: SessionOutcomeStatus;
  /** Retries in the session (rephrases and regenerations), as the outcome counts them. */
  retries: number;
  generations: readonly GenerationResult[];
}
