import type { ChatMessage } from '../schema/event.ts';
import type { SessionEventInput } from '../sessionize/input.ts';
import type { Grade, Route } from '../labels/index.ts';
import type { SessionLabels } from '../labels/label-session.ts';
import type { Signal } from '../signals/types.ts';

/** What a model was given: text, or chat messages (exports then use the conversational form). */
export type Prompt = string | ChatMessage[];

/**
 * One session as datasets take it: its events and what `labelSession` made of them under the
 * product context. Everything a dataset row holds is read from these two.
 */
export interface LabeledSession {
  events: readonly SessionEventInput[];
  labels: SessionLabels;
}

/** A signal as cited in a row's provenance: what was seen, and the events that show it. */
export interface SignalEvidence {
  id: string;
  kind: Signal['kind'];
  polarity: Signal['polarity'];
  strength: number;
  evidence: string[];
  details?: Signal['details'];
}

/** Where a row comes from: enough to find every event behind it. */
export interface Provenance {
  sessionId: string;
  generationId: string;
  signals: SignalEvidence[];
  contextHash: string;
  contextVersion: string;
  model?: string;
  modelVersion?: string;
  promptVersion?: string;
  contentType?: string;
}

/** The five error modes of a negative example (a bucket each, and a regression set each). */
export const ERROR_MODES = ['hallucination', 'format', 'refusal', 'length', 'other'] as const;
export type ErrorMode = (typeof ERROR_MODES)[number];

/**
 * An eval example: the prompt (the user's final successful phrasing after retries), the response,
 * and what the user's behaviour says about it.
 */
export interface EvalExample {
  id: string;
  prompt: Prompt;
  /** `final_phrasing`: the prompt is the last phrasing of a retried task; `original`: no retry. */
  promptPolicy: 'final_phrasing' | 'original';
  /** The prompt the model was given for this response, when it differs from `prompt` (a retried task). */
  originalPrompt?: Prompt;
  response: string;
  label: {
    /** Binary label: P(good) ≥ 0.5. */
    good: boolean;
    pGood: number;
    /** Graded label. */
    grade: Grade | null;
    confidence: number;
    route: Route;
    mixed: boolean;
  };
  /** `dimension:value` tags: model version, content type, grade, signal kinds, retries, sampling slices. */
  slices: string[];
  /** When the response was shown (client time, ISO 8601). */
  at: string;
  /** What the user ended up with instead, when known: their edited text, or the accepted answer after retries. */
  reference?: string;
  /** `edit`: `reference` is the user's edit of this response; `retry`: the answer they accepted after rephrasing. */
  referenceSource?: 'edit' | 'retry';
  /** Negative examples only. */
  errorMode?: ErrorMode;
  features: ExampleFeatures;
  provenance: Provenance & { messageId?: string; finalMessageId?: string };
}

/** What sampling and error-mode bucketing read about an example. */
export interface ExampleFeatures {
  /** Rephrased retries on the task (the whole chain). */
  reformulations: number;
  /** `shown`, then the types of the events about the output in order. */
  behaviour: string[];
  /** `dimension=value` cohorts (`modelVersion=v2`, `contentType=code`, `cohort.plan=pro`). */
  cohorts: string[];
  /** Texts of the user's follow-ups that retried or corrected this output, and feedback comments. */
  followUps: string[];
  /** Evidence points both ways. */
  mixed: boolean;
}

export const PAIR_SOURCES = ['edit', 'regenerate', 'rephrase'] as const;
export type PairSource = (typeof PAIR_SOURCES)[number];

/** A preference pair: for this prompt, the user preferred `chosen` over `rejected`. */
export interface PreferencePair {
  id: string;
  source: PairSource;
  prompt: Prompt;
  chosen: string;
  rejected: string;
  /** P(chosen ≻ rejected), see `pairConfidence`. */
  confidence: number;
  /** When the preference was shown (client time of the chosen side's evidence), ISO 8601. */
  at: string;
  provenance: Provenance & {
    /** The generation the user turned away from (`generationId` is the same). */
    rejectedGenerationId: string;
    /** The generation preferred (regenerate, rephrase); absent for an edit (the user's own text). */
    chosenGenerationId?: string;
    /** The edit event whose text is `chosen`. */
    editEventId?: string;
    /** Rephrase pairs: whose prompt the pair carries. */
    promptPolicy?: 'final_phrasing' | 'original';
  };
}
