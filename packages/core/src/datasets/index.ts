export {
  ERROR_MODES,
  PAIR_SOURCES,
  type Prompt,
  type LabeledSession,
  type SignalEvidence,
  type Provenance,
  type ErrorMode,
  type EvalExample,
  type ExampleFeatures,
  type PairSource,
  type PreferencePair,
} from './types.ts';
export { SessionIndex, type GenerationInfo } from './session-index.ts';
export {
  evalExamples,
  exampleOf,
  finalPhrasing,
  acceptedAnswer,
  cohortsOf,
  editedText,
  type ExampleOptions,
  type FinalPhrasing,
} from './examples.ts';
export { preferencePairs, type PairOptions } from './pairs.ts';
export { editPairs, type EditPairOptions } from './pairs-edit.ts';
export { regenerationPairs } from './pairs-regenerate.ts';
export { rephrasePairs, type RephrasePairOptions } from './pairs-rephrase.ts';
export { PairDeduper, shingleSignature, promptText, type DedupeOptions } from './dedupe.ts';
export { pairConfidence, USER_TEXT_P_GOOD } from './confidence.ts';
export { recencyWeight } from './recency.ts';
export { errorModeOf, type ErrorModeInput, type ErrorModeVerdict } from './error-modes.ts';
export { sampleItemOf } from './sample-item.ts';
export {
  EXPORT_KINDS,
  TRAINING_KINDS,
  COLUMNS,
  isExportKind,
  dpoRow,
  ktoRow,
  ktoRowsOfExample,
  openAiPreferenceRow,
  pairMetaRow,
  evalRow,
  flatRow,
  type ExportKind,
  type Row,
  type PairLike,
  type Column,
  type ColumnType,
} from './rows.ts';
export {
  trlDpoRowSchema,
  trlKtoRowSchema,
  openAiPreferenceRowSchema,
  type TrlDpoRow,
  type TrlKtoRow,
  type OpenAiPreferenceRow,
} from './consumer-schemas.ts';
export { anchorInputSchema, parseAnchor, anchorPair, anchorKtoRows, type Anchor } from './anchors.ts';
export { CardCounter, renderCard, type DatasetCard } from './card.ts';
