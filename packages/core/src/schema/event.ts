import { z } from 'zod';
import { eventContextSchema } from './context.ts';
import { LIMITS } from './limits.ts';
import type { chatMessageSchema } from './properties.ts';
import {
  acceptPropertiesSchema,
  completePropertiesSchema,
  copyPropertiesSchema,
  customPropertiesSchema,
  editPropertiesSchema,
  exportPropertiesSchema,
  feedbackPropertiesSchema,
  generationPropertiesSchema,
  messagePropertiesSchema,
  navigatePropertiesSchema,
  regeneratePropertiesSchema,
  sessionEndPropertiesSchema,
  sharePropertiesSchema,
  undoPropertiesSchema,
  viewPropertiesSchema,
} from './properties.ts';

const id = z.string().min(1).max(LIMITS.id);

/** The fields every event has. `id` is client-generated and is the idempotency key. */
const envelope = {
  id,
  /** Client time, ISO 8601 with offset (`2026-11-23T12:00:00.000Z`). */
  ts: z.iso.datetime({ offset: true }),
  sessionId: id,
  userId: id.optional(),
  generationId: id.optional(),
  context: eventContextSchema.optional(),
};

/** Events about a generation must say which one. */
const aboutGeneration = { ...envelope, generationId: id };

export const generationEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('generation'),
  properties: generationPropertiesSchema,
});
export const messageEventSchema = z.object({
  ...envelope,
  type: z.literal('message'),
  properties: messagePropertiesSchema,
});
export const acceptEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('accept'),
  properties: acceptPropertiesSchema.default({}),
});
export const editEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('edit'),
  properties: editPropertiesSchema,
});
export const undoEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('undo'),
  properties: undoPropertiesSchema.default({}),
});
export const regenerateEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('regenerate'),
  properties: regeneratePropertiesSchema.default({}),
});
export const copyEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('copy'),
  properties: copyPropertiesSchema,
});
export const shareEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('share'),
  properties: sharePropertiesSchema.default({}),
});
export const exportEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('export'),
  properties: exportPropertiesSchema.default({}),
});
export const viewEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('view'),
  properties: viewPropertiesSchema,
});
export const navigateEventSchema = z.object({
  ...envelope,
  type: z.literal('navigate'),
  properties: navigatePropertiesSchema,
});
export const feedbackEventSchema = z.object({
  ...aboutGeneration,
  type: z.literal('feedback'),
  properties: feedbackPropertiesSchema,
});
export const completeEventSchema = z.object({
  ...envelope,
  type: z.literal('complete'),
  properties: completePropertiesSchema,
});
export const sessionEndEventSchema = z.object({
  ...envelope,
  type: z.literal('session_end'),
  properties: sessionEndPropertiesSchema.default({}),
});
export const customEventSchema = z.object({
  ...envelope,
  type: z.literal('custom'),
  properties: customPropertiesSchema,
});

/** Any Tacit event: one schema per type, discriminated by `type`. */
export const eventSchema = z.discriminatedUnion('type', [
  generationEventSchema,
  messageEventSchema,
  acceptEventSchema,
  editEventSchema,
  undoEventSchema,
  regenerateEventSchema,
  copyEventSchema,
  shareEventSchema,
  exportEventSchema,
  viewEventSchema,
  navigateEventSchema,
  feedbackEventSchema,
  completeEventSchema,
  sessionEndEventSchema,
  customEventSchema,
]);

export type TacitEvent = z.infer<typeof eventSchema>;
export type EventType = TacitEvent['type'];
/** The event of one type, e.g. `EventOf<'copy'>`. */
export type EventOf<T extends EventType> = Extract<TacitEvent, { type: T }>;

export const EVENT_TYPES = eventSchema.options.map((o) => o.shape.type.value) as readonly EventType[];

export type GenerationEvent = EventOf<'generation'>;
export type MessageEvent = EventOf<'message'>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
