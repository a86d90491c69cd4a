export { buildApp, type AppOptions } from './app.ts';
export { serverConfigSchema, type ServerConfig, type ServerConfigInput } from './config.ts';
export { ApiError, ERROR_STATUS, type ErrorCode, type ErrorBody } from './errors.ts';
export { ingest, batchOf, type IngestResponse, type EventResult, type EventStatus } from './ingest.ts';
export { createKeys, DEFAULT_PROJECT_ID, type CreatedKeys } from './keys.ts';
export { openApiDocument } from './openapi.ts';
export { VERSION } from './version.ts';
export {
  runExport,
  exportToFiles,
  exportOptionsSchema,
  ExportOptionsError,
  splitPaths,
  splitsOf,
  llmErrorModes,
  parseErrorMode,
  writerFor,
  nullWriter,
  exportContext,
  FORMATS,
  CONTENT_TYPES,
  type ExportHooks,
  type ErrorModeClassifier,
  type ExportOptions,
  type ExportOptionsInput,
  type LlmErrorModesOptions,
  type Format,
  type RowWriter,
} from './export/index.ts';
export {
  AlertScheduler,
  projectAlertConfig,
  rowsForRules,
  type AlertSchedulerOptions,
  type ProjectEvaluation,
} from './alerts/scheduler.ts';
export {
  deliverWebhook,
  webhookBody,
  type DeliveryOutcome,
  type WebhookBody,
  type WebhookOptions,
} from './alerts/webhook.ts';
