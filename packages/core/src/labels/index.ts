export {
  labelSession,
  labelSessions,
  type LabelOptions,
  type SessionLabels,
  type SessionSummary,
} from './label-session.ts';
export { labelGeneration, type GenerationLabel } from './label.ts';
export { combineEvidence, type Evidence } from './evidence.ts';
export { scoreEvidence, type Score, type Route } from './score.ts';
export { gradeOf, type Grade } from './grade.ts';
export { sessionOutcome, type SessionOutcome } from './outcome.ts';
