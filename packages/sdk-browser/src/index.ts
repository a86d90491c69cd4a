import { Tacit } from './client.ts';
import type { TacitOptions } from './options.ts';

/**
 * Starts the SDK: captures behaviour around `data-tacit-generation` elements and delivers
 * events to `{endpoint}/v1/events`. Never throws; problems go to `options.onError`.
 *
 * @example
 * import { init } from '@tacit/browser';
 * const tacit = init({ key: 'pk_live_…', endpoint: 'https://tacit.example.com', cohort: { plan: 'pro' } });
 * const messageId = tacit.message(question);
 * // <div data-tacit-generation="gen-1">…</div> is observed automatically
 */
export function init(options: TacitOptions): Tacit {
  return new Tacit(options);
}

export { Tacit, SDK, type GenerationInput, type FeedbackInput } from './client.ts';
export type { TacitOptions, OutgoingEvent } from './options.ts';
export type { BrowserPlatform, KeyValueStorage } from './platform.ts';
export type {
  TacitError,
  ErrorHook,
  DeliveryPlatform,
  WireResponse,
  WireRequest,
} from './delivery/platform.ts';
export type { DeliveryStats } from './delivery/delivery.ts';
export { editStats } from './privacy.ts';
export { uuidv7Source } from './uuidv7.ts';
