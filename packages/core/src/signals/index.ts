export { SIGNAL_KINDS, type Signal, type SignalKind, type Polarity } from './types.ts';
export { messageFeatures, sketchOf, type MessageContent, type MessageFeatures } from './message-features.ts';
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
  CORRECTION_PHRASES,
  BUILDS_ON_PHRASES,
  type FollowUpClassifier,
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
