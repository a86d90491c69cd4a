import type { EditThresholds, ProductContext } from './schema.ts';

/** Built-in product types, each a complete context you can use as is or `extends`. */
export const BUILTIN_CONTEXTS = ['chat', 'code', 'writing', 'support'] as const;
export type BuiltinContextName = (typeof BUILTIN_CONTEXTS)[number];

const prose: EditThresholds = { none: 0.02, minor: 0.25, major: 0.7, overwriteKeptBelow: 0.15 };

/**
 * The chat assistant defaults. Strengths are natural-log likelihood ratios chosen from what each
 * behaviour says about an answer (DESIGN.md, Signals); they are a starting point to calibrate
 * against reviewed labels, not measurements.
 */
const chat: ProductContext = {
  version: 'chat@2',
  name: 'chat',
  prior: 0.6,
  session: { inactivityMinutes: 30, maxClockSkewSeconds: 60 },
  signals: {
    immediate_undo: { enabled: true, polarity: 'negative', strength: 2.5, withinSeconds: 10 },
    // threshold: chosen on TREC CAsT 2019 (npm run eval -- rephrase --fit), see the core README.
    rephrase_retry: {
      enabled: true,
      polarity: 'negative',
      strength: 1.8,
      withinMinutes: 10,
      threshold: 0.61,
      embeddingThreshold: 0.85,
    },
    correction_followup: { enabled: true, polarity: 'negative', strength: 2, withinMinutes: 10 },
    builds_on_followup: { enabled: true, polarity: 'positive', strength: 1.2, withinMinutes: 30 },
    proceeded: { enabled: true, polarity: 'positive', strength: 0.4, withinMinutes: 30 },
    regenerated: { enabled: true, polarity: 'negative', strength: 2, afterDownstreamFactor: 0.5 },
    regeneration_kept: { enabled: true, polarity: 'positive', strength: 1 },
    accepted: { enabled: true, polarity: 'positive', strength: 1 },
    edit_none: { enabled: true, polarity: 'positive', strength: 0.6 },
    edit_minor: { enabled: true, polarity: 'positive', strength: 0.3 },
    edit_major: { enabled: true, polarity: 'negative', strength: 1 },
    edit_replaced: { enabled: true, polarity: 'negative', strength: 3 },
    copied: { enabled: true, polarity: 'positive', strength: 2, wholeFraction: 0.8, partialStrength: 0.6 },
    shared: { enabled: true, polarity: 'positive', strength: 2 },
    exported: { enabled: true, polarity: 'positive', strength: 2 },
    abandoned: { enabled: true, polarity: 'negative', strength: 0.5 },
    back_navigation: { enabled: true, polarity: 'negative', strength: 1.5, withinSeconds: 10 },
    long_dwell_then_edit: {
      enabled: true,
      polarity: 'negative',
      strength: 0.8,
      minSeconds: 30,
      wordsPerMinute: 240,
      factor: 3,
    },
    read_depth: {
      enabled: true,
      polarity: 'positive',
      strength: 0.5,
      fullAbove: 0.9,
      shallowBelow: 0.3,
      skimWordsPerMinute: 700,
    },
    feedback_up: { enabled: true, polarity: 'positive', strength: 2 },
    feedback_down: { enabled: true, polarity: 'negative', strength: 2 },
    completed: { enabled: true, polarity: 'positive', strength: 1.5 },
  },
  edits: {
    default: prose,
    byContentType: {
      code: { none: 0.01, minor: 0.1, major: 0.5, overwriteKeptBelow: 0.2 },
      email: { none: 0.02, minor: 0.2, major: 0.6, overwriteKeptBelow: 0.15 },
      legal: { none: 0.05, minor: 0.4, major: 0.8, overwriteKeptBelow: 0.1 },
    },
    maxDiffTokens: 20_000,
  },
  completion: { events: ['*'] },
  routes: {
    train: { minConfidence: 0.75, allowMixed: false },
    review: { minConfidence: 0.25 },
    mixed: { minorityShare: 0.25, minStrength: 0.5 },
  },
};

/** Code assistants: accepting a completion is the main signal; undo and small edits are sharp. */
const code: ProductContext = {
  ...chat,
  version: 'code@2',
  name: 'code',
  prior: 0.5,
  signals: {
    ...chat.signals,
    immediate_undo: { ...chat.signals.immediate_undo, strength: 3, withinSeconds: 5 },
    accepted: { ...chat.signals.accepted, strength: 1.5 },
    edit_minor: { ...chat.signals.edit_minor, strength: 0.2 },
    edit_major: { ...chat.signals.edit_major, strength: 2 },
    proceeded: { ...chat.signals.proceeded, enabled: false },
    read_depth: { ...chat.signals.read_depth, enabled: false },
  },
  edits: { ...chat.edits, default: { none: 0.01, minor: 0.1, major: 0.5, overwriteKeptBelow: 0.2 } },
  completion: { events: ['tests_passed', 'build_succeeded', 'commit', 'pr_merged'] },
};

/** Writing tools: people edit drafts a lot, so only heavy rewrites count against the output. */
const writing: ProductContext = {
  ...chat,
  version: 'writing@2',
  name: 'writing',
  prior: 0.55,
  signals: {
    ...chat.signals,
    edit_minor: { ...chat.signals.edit_minor, strength: 0.2 },
    edit_major: { ...chat.signals.edit_major, strength: 1.2 },
    completed: { ...chat.signals.completed, strength: 1 },
    long_dwell_then_edit: { ...chat.signals.long_dwell_then_edit, enabled: false },
  },
  edits: { ...chat.edits, default: { none: 0.02, minor: 0.35, major: 0.8, overwriteKeptBelow: 0.1 } },
  completion: { events: ['document_published', 'email_sent', 'document_exported'] },
};

/** Support bots: resolution is the goal; leaving without resolution is a stronger sign of failure. */
const support: ProductContext = {
  ...chat,
  version: 'support@2',
  name: 'support',
  prior: 0.5,
  signals: {
    ...chat.signals,
    abandoned: { ...chat.signals.abandoned, strength: 0.8 },
    completed: { ...chat.signals.completed, strength: 2 },
    proceeded: { ...chat.signals.proceeded, strength: 0.2 },
  },
  completion: { events: ['ticket_resolved', 'issue_resolved', 'resolved'] },
  session: { ...chat.session, inactivityMinutes: 60 },
};

const BUILTINS: Record<BuiltinContextName, ProductContext> = { chat, code, writing, support };

/**
 * A built-in product context.
 *
 * @example
 * const ctx = builtinContext('code');
 * ctx.signals.immediate_undo.withinSeconds // 5
 */
export function builtinContext(name: BuiltinContextName): ProductContext {
  return structuredClone(BUILTINS[name]);
}

export function isBuiltinContextName(name: string): name is BuiltinContextName {
  return (BUILTIN_CONTEXTS as readonly string[]).includes(name);
}
