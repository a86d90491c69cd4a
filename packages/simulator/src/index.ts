export {
  simulatorConfigSchema,
  parseSimulatorConfig,
  resolveConfig,
  SimulatorConfigError,
  CONTENT_TYPES,
  type ContentType,
  type SimulatorConfig,
  type SimulatorOptions,
  type ModelConfig,
  type PromptConfig,
  type ProductConfig,
} from './config.ts';
export {
  PRODUCT_DEFAULTS,
  DEFAULT_MODELS,
  DEFAULT_PROMPTS,
  AA_MODELS,
  type ModelInput,
  type PromptInput,
} from './defaults.ts';
export { simulate, simulateEvents, type SimSummary } from './simulate.ts';
export { measureRates, type Rates } from './rates.ts';
export { writeSimulation, JsonlWriter, type SimulationFiles, type SimProgress } from './jsonl.ts';
export {
  sendEvents,
  retryAfterMs,
  SendError,
  type SendOptions,
  type SendProgress,
  type SendResult,
} from './send.ts';
export { runSimulateCommand, type CommandIO } from './command.ts';
export type {
  GenerationTruth,
  MessageTruth,
  SessionTruth,
  TruthRecord,
  SimRecord,
  Reaction,
  Noise,
} from './truth.ts';
export type { MessageRelation } from './text/phrasing.ts';
