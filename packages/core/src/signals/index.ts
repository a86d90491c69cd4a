export { SIGNAL_KINDS, type Signal, type SignalKind, type Polarity } from './types.ts';
export {
  messageFeatures,
  sketchOf,
  gramCode,
  sortedIntersectionSize,
  type MessageContent,
  type MessageFeatures,
} from './message-features.ts';
export {
  lexicalFeatures,
  sketchFeatures,
  logistic,
  rephraseProbability,
  LEXICAL_REPHRASE_MODEL,
  SKETCH_REPHRASE_MODEL,
  REPHRASE_MODELS,
  type LogisticModel,
  type RephraseModels,
} from './rephrase-model.ts';
export {
  createFollowUpClassifier,
  followUpCues,
  messageEntities,
  CORRECTION_PHRASES,
  BUILDS_ON_PHRASES,
  REPHRASE_PHRASES,
  type FollowUpClassifier,
  type FollowUpCues,
  type FollowUpInput,
  type FollowUpKind,
  type FollowUpThresholds,
  type FollowUpVerdict,
} from './follow-up.ts';
export {
  embedMessages,
  cosineSimilarity,
  type EmbeddingProvider,
  type MessageEmbeddings,
} from './embeddings.ts';
export {
  buildView,
  type SessionView,
  type GenerationView,
  type MessageView,
  type FollowUp,
  type ViewOptions,
} from './view.ts';
export { emit, flip, defined, type Detector, type Emission } from './emit.ts';
export { detectSignals, DETECTORS } from './detect.ts';
export {
  analyzeEdit,
  analyzeEditStats,
  editStats,
  editTokens,
  gradeEdit,
  type EditAnalysis,
  type EditGrade,
} from './edit-diff.ts';
export { replayEdits, type EditReplay, type AcceptRecord } from './edit-replay.ts';
export { finalEditAnalysis, thresholdsFor, detectEdits } from './edits.ts';
export { detectAccepted } from './accepted.ts';
export { detectImmediateUndo } from './immediate-undo.ts';
export { detectDownstream, copiedFraction, DOWNSTREAM_TYPES } from './downstream.ts';
export { detectRegenerated } from './regenerated.ts';
export { detectRephraseRetry } from './rephrase-retry.ts';
export { detectCorrectionFollowup } from './correction-followup.ts';
export { detectBuildsOnFollowup } from './builds-on-followup.ts';
export { detectProceeded } from './proceeded.ts';
export { detectAbandoned, usedDownstream, readToEnd, served } from './abandoned.ts';
export { detectBackNavigation } from './back-navigation.ts';
export { detectLongDwell } from './long-dwell.ts';
export { detectReadDepth } from './read-depth.ts';
export { detectFeedback, feedbackDirection } from './feedback.ts';
export { detectCompleted } from './completed.ts';
