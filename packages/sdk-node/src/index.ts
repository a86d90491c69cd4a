export {
  Tacit,
  SDK,
  type TacitNodeOptions,
  type TacitContext,
  type GenerationLog,
  type EventLog,
} from './client.ts';
export { wrapOpenAI, generationIdOf, type WrapOpenAIOptions } from './openai.ts';
export type { TacitError, ErrorHook, DeliveryPlatform, DeliveryStats } from '@tacit/browser/delivery';
