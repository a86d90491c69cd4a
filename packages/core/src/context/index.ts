export {
  productContextSchema,
  signalsConfigSchema,
  editThresholdsSchema,
  polaritySchema,
  type ProductContext,
  type SignalsConfig,
  type SignalKind,
  type EditThresholds,
  type Polarity,
} from './schema.ts';
export {
  builtinContext,
  isBuiltinContextName,
  BUILTIN_CONTEXTS,
  type BuiltinContextName,
} from './defaults.ts';
export { parseContext, resolveContext } from './parse.ts';
export { contextHash, canonicalJson } from './hash.ts';
