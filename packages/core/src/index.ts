export { LIMITS } from './schema/limits.ts';
export { eventContextSchema, type EventContext } from './schema/context.ts';
export {
  similaritySketchSchema,
  editStatsSchema,
  type SimilaritySketch,
  type EditStats,
} from './schema/sketch.ts';
export {
  chatMessageSchema,
  generationPropertiesSchema,
  messagePropertiesSchema,
  acceptPropertiesSchema,
  editPropertiesSchema,
  undoPropertiesSchema,
  regeneratePropertiesSchema,
  copyPropertiesSchema,
  sharePropertiesSchema,
  exportPropertiesSchema,
  viewPropertiesSchema,
  navigatePropertiesSchema,
  feedbackPropertiesSchema,
  completePropertiesSchema,
  sessionEndPropertiesSchema,
  customPropertiesSchema,
} from './schema/properties.ts';
export {
  eventSchema,
  EVENT_TYPES,
  generationEventSchema,
  messageEventSchema,
  acceptEventSchema,
  editEventSchema,
  undoEventSchema,
  regenerateEventSchema,
  copyEventSchema,
  shareEventSchema,
  exportEventSchema,
  viewEventSchema,
  navigateEventSchema,
  feedbackEventSchema,
  completeEventSchema,
  sessionEndEventSchema,
  customEventSchema,
  type TacitEvent,
  type EventType,
  type EventOf,
  type GenerationEvent,
  type MessageEvent,
  type ChatMessage,
} from './schema/event.ts';
export {
  validateEvent,
  fieldErrors,
  formatPath,
  type FieldError,
  type Validation,
} from './schema/validate.ts';
export { words, normalizeText } from './text/normalize.ts';
export { sketchText, sketchSimilarity, charNgrams, CORRECTION_CUES, SKETCH_HASHES } from './text/sketch.ts';
