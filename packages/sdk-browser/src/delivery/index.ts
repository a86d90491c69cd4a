export { Delivery, type DeliveryOptions, type DeliveryStats, type DeliveryTuning } from './delivery.ts';
export type { DeliveryPlatform, WireRequest, WireResponse, TacitError, ErrorHook } from './platform.ts';
export { uuidv7Source } from '../uuidv7.ts';
