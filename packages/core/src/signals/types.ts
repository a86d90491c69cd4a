import type { Polarity, SignalKind } from '../context/schema.ts';

export type { Polarity, SignalKind };

/**
 * An interpretation of one or more events under a product context: what a behaviour says about
 * one generation (or, without `generationId`, about the session).
 */
export interface Signal {
  /** Deterministic: the same events and context give the same id (kind, generation, first evidence). */
  id: string;
  kind: SignalKind;
  polarity: Polarity;
  /** Log-likelihood ratio magnitude, from the product context; `polarity` gives its sign. */
  strength: number;
  sessionId: string;
  /** The generation it is about; absent for a session-level signal. */
  generationId?: string;
  /** The event ids it was read from. */
  evidence: string[];
  /** Corrected time of its latest evidence, ISO 8601. */
  at: string;
  /** Detector-specific figures (edit ratio, similarity, the kept regeneration, …). */
  details?: Record<string, string | number | boolean | string[]>;
}

/** Every signal kind, in the order detectors run. */
export const SIGNAL_KINDS = [
  'accepted',
  'immediate_undo',
  'edit_none',
  'edit_minor',
  'edit_major',
  'edit_replaced',
  'copied',
  'shared',
  'exported',
  'regenerated',
  'regeneration_kept',
  'rephrase_retry',
  'correction_followup',
  'builds_on_followup',
  'proceeded',
  'abandoned',
  'back_navigation',
  'long_dwell_then_edit',
  'read_depth',
  'feedback_up',
  'feedback_down',
  'completed',
] as const satisfies readonly SignalKind[];
