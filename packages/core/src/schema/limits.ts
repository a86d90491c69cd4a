/**
 * Size limits on event fields. They exist so that one hostile or buggy client cannot make a
 * single event arbitrarily expensive to store or to process downstream; the request body limit
 * of the server bounds a whole batch.
 */
export const LIMITS = {
  /** Ids: event, session, user, generation. */
  id: 256,
  /** Short names: model, event names, cohort keys and values, reasons. */
  name: 256,
  /** Free text: prompts, outputs, edited text, comments. 1 MiB of UTF-16 code units. */
  text: 1 << 20,
  /** Chat messages in one prompt. */
  messages: 1000,
  /** Entries in a string map (cohort) or in custom properties. */
  mapEntries: 64,
  /** Hashes in a similarity sketch. */
  sketchHashes: 256,
} as const;
