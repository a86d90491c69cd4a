export { runExport, ExportOptionsError, type ExportHooks, type ErrorModeClassifier } from './pipeline.ts';
export { exportToFiles } from './to-files.ts';
export { exportOptionsSchema, type ExportOptions, type ExportOptionsInput } from './options.ts';
export { splitPaths, splitsOf } from './files.ts';
export { llmErrorModes, parseErrorMode, type LlmErrorModesOptions } from './llm-error-modes.ts';
export {
  writerFor,
  nullWriter,
  FORMATS,
  CONTENT_TYPES,
  type Format,
  type RowWriter,
} from './writers/index.ts';
export { exportContext } from './context.ts';
