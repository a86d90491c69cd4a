import { z } from 'zod';
import { LIMITS } from './limits.ts';

const name = z.string().min(1).max(LIMITS.name);

/** Where an event comes from: the app, its version, the kind of content, cohort attributes. */
export const eventContextSchema = z.looseObject({
  app: name.optional(),
  appVersion: name.optional(),
  /** The kind of content the AI produced (e.g. `chat`, `code`, `email`); edit thresholds depend on it. */
  contentType: name.optional(),
  /** Cohort attributes used to slice metrics: plan, locale, … String values only. */
  cohort: z
    .record(z.string().min(1).max(LIMITS.name), z.string().max(LIMITS.name))
    .refine((m) => Object.keys(m).length <= LIMITS.mapEntries, {
      message: `at most ${LIMITS.mapEntries} cohort attributes`,
    })
    .optional(),
  sdk: z.object({ name, version: name }).optional(),
});

export type EventContext = z.infer<typeof eventContextSchema>;
