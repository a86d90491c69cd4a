export {
  Delivery,
  EXIT_BUDGET,
  type DeliveryOptions,
  type DeliveryStats,
  type DeliveryTuning,
} from './delivery.ts';
export type { DeliveryPlatform, WireRequest, WireResponse, TacitError, ErrorHook } from './platform.ts';
export { utf8Length } from './utf8.ts';
export { uuidv7Source } from '../uuidv7.ts';
